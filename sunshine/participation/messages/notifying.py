"""Who hears about what (kernel/notify: inbox + e-mail by preference)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from sunshine.kernel.notify.services import notify


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the shell is not mounted (e.g. a worker without URLs)
        return ""


def _staff_of(agency) -> list:
    from sunshine.kernel.accounts.models import User

    if agency is None:
        return []
    return list(
        User.objects.filter(grants__agency_id=agency.pk, is_active=True, kind=User.Kind.STAFF)
        .distinct()
        .order_by("pk")
    )


def _dispatchers() -> list:
    """The general office's staff who dispatch messages (supervisor role, or anyone holding a
    role on the receiving office)."""
    from sunshine.kernel.accounts.models import User
    from sunshine.kernel.accounts.roles import Role

    from .suggestions import receiving_office

    office = receiving_office()
    users = {
        u.pk: u
        for u in User.objects.filter(
            grants__role=Role.SUPERVISOR, is_active=True, kind=User.Kind.STAFF
        ).distinct()
    }
    users.update({u.pk: u for u in _staff_of(office)})
    return list(users.values())


def new_unrouted(message) -> None:
    notify(
        event="message.submitted",
        recipients=_dispatchers(),
        subject=_("新留言待派单：%(subject)s") % {"subject": message.subject},
        body=_("留言人未确定承办单位，系统建议：%(category)s / %(agency)s。")
        % {
            "category": message.suggested_category or "—",
            "agency": getattr(message.suggested_agency, "name", "—"),
        },
        obj=message,
        url=_url("workbench:messages_detail", message.pk),
    )


def assigned(message) -> None:
    notify(
        event="message.assigned",
        recipients=_staff_of(message.agency),
        subject=_("新派单留言：%(subject)s") % {"subject": message.subject},
        body=_("请在答复期限内办理并答复，错派的请在2个工作日内退回。"),
        obj=message,
        url=_url("workbench:messages_detail", message.pk),
    )


def returned(message, *, old_agency, reason: str) -> None:
    notify(
        event="message.returned",
        recipients=_dispatchers(),
        subject=_("留言被退回：%(subject)s") % {"subject": message.subject},
        body=_("%(agency)s 退回：%(reason)s")
        % {"agency": getattr(old_agency, "name", ""), "reason": reason},
        obj=message,
        url=_url("workbench:messages_detail", message.pk),
    )


def replied(message) -> None:
    if message.author is None:
        return
    notify(
        event="message.replied",
        recipients=[message.author],
        subject=_("您的留言已答复：%(subject)s") % {"subject": message.subject},
        body=_("%(agency)s 已答复您的留言，请登录查看并评价。")
        % {"agency": getattr(message.agency, "name", "")},
        obj=message,
        url=_url("portal:messages_mine"),
    )


def reopened(message, *, reason: str) -> None:
    notify(
        event="message.reopened",
        recipients=_staff_of(message.agency),
        subject=_("留言重新办理：%(subject)s") % {"subject": message.subject},
        body=reason,
        obj=message,
        url=_url("workbench:messages_detail", message.pk),
    )


def rejected(message, *, reason: str) -> None:
    if message.author is None:
        return
    notify(
        event="message.rejected",
        recipients=[message.author],
        subject=_("您的留言未被受理：%(subject)s") % {"subject": message.subject},
        body=reason,
        obj=message,
        url=_url("portal:messages_mine"),
    )
