"""Who hears about a catalog's stale items and reviews: the disclosure officers (公开办) of
the catalog's agency; the agency's administrators when it has none."""

from django.urls import NoReverseMatch, reverse

from sunshine.kernel.accounts.models import User
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.notify.services import notify


def officers_of(agency) -> list:
    staff = User.objects.filter(
        grants__agency_id=agency.pk, is_active=True, kind=User.Kind.STAFF
    ).distinct()
    officers = list(staff.filter(grants__role=Role.DISCLOSURE_OFFICER))
    return officers or list(staff.filter(grants__role=Role.AGENCY_ADMIN))


def workbench_url(name: str, *args) -> str:
    """A link into the workbench for a notification ("" while the page is not mounted)."""
    try:
        return reverse(f"workbench:{name}", args=args)
    except NoReverseMatch:
        return ""


def tell_officers(*, agency, event: str, subject: str, body: str, obj, url: str = "") -> list:
    return notify(
        event=event,
        recipients=officers_of(agency),
        subject=subject,
        body=body,
        obj=obj,
        url=url,
    )
