"""Which agencies a user's 电子监察 pages cover: every agency for the general office's
supervisors (and sysadmins), the agencies of their grants (with subtrees) for agency staff;
optionally narrowed to one agency's subtree."""

from dataclasses import dataclass

from sunshine.kernel.access.policy import agencies_for, can, can_anywhere
from sunshine.kernel.orgs.models import Agency

from .permissions import VIEW


@dataclass(frozen=True)
class Scope:
    """`agency_ids` None means every agency (no filter in the queries)."""

    agency_ids: tuple[int, ...] | None
    agency: Agency | None = None  # the agency chosen in the filter, if any

    @property
    def is_all(self) -> bool:
        return self.agency_ids is None

    def filter(self, qs, field: str = "agency_id"):
        if self.agency_ids is None:
            return qs
        return qs.filter(**{f"{field}__in": self.agency_ids})


def may_view(user) -> bool:
    return bool(user and user.is_authenticated and can_anywhere(user, VIEW))


def visible_agencies(user):
    """The agencies the user may choose in the filter (a queryset, by tree path)."""
    return agencies_for(user, VIEW).order_by("path")


def scope_for(user, *, agency: Agency | None = None) -> Scope | None:
    """The scope, or None when the user may not see `agency` (or nothing at all)."""
    if not may_view(user):
        return None
    everywhere = can(user, VIEW)  # no object: true only for the global roles
    if agency is None:
        if everywhere:
            return Scope(None)
        return Scope(tuple(visible_agencies(user).values_list("pk", flat=True)))
    subtree = Agency.objects.filter(path__startswith=agency.path)
    if not everywhere:
        subtree = subtree.filter(pk__in=agencies_for(user, VIEW).values("pk"))
    ids = tuple(subtree.values_list("pk", flat=True))
    if agency.pk not in ids:
        return None
    return Scope(ids, agency)
