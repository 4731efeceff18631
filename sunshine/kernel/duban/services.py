"""Writes of 督办: issue (supervisors), respond (the addressed agency's staff), close
(supervisors). Each is one transaction with its audit event and notifications; the response
deadline is a clock of the deadline engine, so an overdue response alerts the agency through
the normal sweep.

Notification events are under "clock." (clock.oversight.issued / .responded): a 督办 carries a
deadline, and staff receive deadline events by e-mail as well as in the inbox by default."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock as time_source
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from . import rules
from .models import SupervisionOrder
from .permissions import NOTIFY_ROLES
from .registry import supervisable_for

TEXT_MAX = 2000
EVENT_ISSUED = "clock.oversight.issued"
EVENT_RESPONDED = "clock.oversight.responded"
EVENT_CLOSED = "clock.oversight.closed"


def _clean(value, *, field: str, label: str, required: bool = True) -> str:
    from sunshine.kernel.ratings.text import clean_text

    return clean_text(value, field=field, label=label, max_length=TEXT_MAX, required=required)


def agency_staff(agency) -> list:
    from sunshine.kernel.accounts.models import User

    return list(
        User.objects.filter(
            grants__agency_id=agency.pk,
            grants__role__in=NOTIFY_ROLES,
            is_active=True,
            kind=User.Kind.STAFF,
        ).distinct()
    )


def _lock(order: SupervisionOrder) -> None:
    order.refresh_from_db(from_queryset=SupervisionOrder.objects.select_for_update())


def _stop(order: SupervisionOrder, actor, outcome: str) -> None:
    from sunshine.kernel.deadlines.models import Clock
    from sunshine.kernel.deadlines.services import stop_clock

    if order.clock_id is None:
        return
    clock = Clock.objects.get(pk=order.clock_id)
    if clock.state != Clock.State.STOPPED:
        stop_clock(clock=clock, actor=actor, outcome=outcome, authorize=False)


@transaction.atomic
def issue_order(
    *,
    target,
    agency=None,
    actor,
    reason: str,
    response_days: int | None = None,
    kind: str | None = None,
) -> SupervisionOrder:
    """督办 `target` to `agency` (default: the agency the registration names for it)."""
    from sunshine.kernel.deadlines.services import start_clock
    from sunshine.kernel.notify.services import notify

    try:
        entry = supervisable_for(target, kind)
    except LookupError:
        raise ValidationError(_("该事项不能督办。")) from None
    agency = agency or entry.agency(target)
    if agency is None:
        raise ValidationError({"agency": _("请指定承办机关。")})
    require(actor, "oversight.issue", agency)
    reason = _clean(reason, field="reason", label=_("督办事由"))
    if response_days is not None:
        try:
            response_days = int(response_days)
        except (TypeError, ValueError):
            response_days = 0
        if not 1 <= response_days <= rules.MAX_RESPONSE_DAYS:
            raise ValidationError(
                {
                    "response_days": _("反馈时限应为 1 至 %(n)s 个工作日。")
                    % {"n": rules.MAX_RESPONSE_DAYS}
                }
            )
    now = time_source.now()
    order = SupervisionOrder.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        kind=entry.kind,
        title=str(entry.title(target) or target)[:200],
        agency=agency,
        issued_by=actor,
        issued_at=now,
        reason=reason,
        response_days=response_days or rules.default_days(),
    )
    order.clock = start_clock(
        obj=order,
        rule=rules.RULE,
        agency=agency,
        start=now,
        actor=actor,
        length=order.response_days,
    )
    order.save(update_fields=["clock"])
    record_event(
        action="oversight.issue",
        actor=actor,
        obj=order,
        agency=agency,
        summary=f"{order.title}：{reason}"[:300],
        data={"kind": entry.kind, "object_id": target.pk, "response_days": order.response_days},
        after={"state": order.state},
    )
    due = timezone.localtime(order.clock.due_at)
    notify(
        event=EVENT_ISSUED,
        recipients=agency_staff(agency),
        subject=_("督办：%(title)s") % {"title": order.title},
        body=_("督办事由：%(reason)s\n请于 %(due)s 前反馈办理情况。")
        % {"reason": reason, "due": f"{due:%Y-%m-%d}"},
        obj=order,
        url=order.get_absolute_url(),
    )
    return order


@transaction.atomic
def respond_to_order(*, order: SupervisionOrder, actor, text: str) -> SupervisionOrder:
    """The agency's feedback; stops the response clock and tells the issuer."""
    from sunshine.kernel.notify.services import notify

    require(actor, "oversight.respond", order)
    _lock(order)
    if order.state != SupervisionOrder.State.OPEN:
        raise ValidationError(_("该督办已反馈或已办结。"))
    text = _clean(text, field="text", label=_("反馈情况"))
    before = order.state
    order.response_text = text
    order.responded_by, order.responded_at = actor, time_source.now()
    order.state = SupervisionOrder.State.RESPONDED
    order.save()
    _stop(order, actor, "responded")
    record_event(
        action="oversight.respond",
        actor=actor,
        obj=order,
        summary=text[:300],
        before={"state": before},
        after={"state": order.state},
    )
    notify(
        event=EVENT_RESPONDED,
        recipients=[order.issued_by],
        subject=_("督办已反馈：%(title)s") % {"title": order.title},
        body=_("%(agency)s 反馈：%(text)s") % {"agency": order.agency.name, "text": text},
        obj=order,
        url=order.get_absolute_url(),
    )
    return order


@transaction.atomic
def close_order(*, order: SupervisionOrder, actor, verdict: str = "") -> SupervisionOrder:
    """办结 (by a supervisor), normally after the response; closing an unanswered order needs
    a verdict saying why."""
    from sunshine.kernel.notify.services import notify

    require(actor, "oversight.close", order)
    _lock(order)
    if order.state == SupervisionOrder.State.CLOSED:
        raise ValidationError(_("该督办已办结。"))
    required = order.state == SupervisionOrder.State.OPEN
    verdict = _clean(verdict, field="verdict", label=_("办结意见"), required=required)
    before = order.state
    order.verdict = verdict
    order.closed_by, order.closed_at = actor, time_source.now()
    order.state = SupervisionOrder.State.CLOSED
    order.save()
    _stop(order, actor, "closed")
    record_event(
        action="oversight.close",
        actor=actor,
        obj=order,
        summary=verdict[:300],
        before={"state": before},
        after={"state": order.state},
    )
    notify(
        event=EVENT_CLOSED,
        recipients=agency_staff(order.agency),
        subject=_("督办已办结：%(title)s") % {"title": order.title},
        body=verdict or _("督办已办结。"),
        obj=order,
        url=order.get_absolute_url(),
    )
    return order
