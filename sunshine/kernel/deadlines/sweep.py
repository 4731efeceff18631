"""The periodic sweep (every 5 minutes, see tasks.py): bring each running clock's urgency up
to date, record each change, and raise a due-soon / overdue alert once per clock, kind and due
time, delivered through notify to the staff holding a role on the clock's agency.

Idempotent: a second run finds nothing to change and no alert to raise. Each clock is handled
in its own transaction, so one failure (e.g. a delivery error) leaves the others done and is
retried by the next run."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock as time_source
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.workcalendar.calendar import WorkCalendar, current_calendar

from .models import Clock, ClockAlert, ClockEvent
from .services import current_urgency

logger = logging.getLogger(__name__)

# urgency -> alert kind (plain strings: enum members do not hash like their values)
ALERT_KINDS = {"due_soon": "due_soon", "overdue": "overdue"}


def alert_recipients(clock: Clock) -> list:
    from sunshine.kernel.accounts.models import User

    return list(
        User.objects.filter(
            grants__agency_id=clock.agency_id, is_active=True, kind=User.Kind.STAFF
        ).distinct()
    )


def _notify(clock: Clock, alert: ClockAlert) -> None:
    from sunshine.kernel.notify.services import notify

    due = timezone.localtime(clock.due_at)
    if alert.kind == ClockAlert.Kind.OVERDUE:
        subject = _("已逾期：%(title)s") % {"title": clock.title}
        body = _("期限已于 %(due)s 到期，请尽快办理。") % {"due": f"{due:%Y-%m-%d %H:%M}"}
    else:
        subject = _("即将到期：%(title)s") % {"title": clock.title}
        body = _("期限将于 %(due)s 到期。") % {"due": f"{due:%Y-%m-%d %H:%M}"}
    notify(
        event=f"clock.{alert.kind}",
        recipients=alert_recipients(clock),
        subject=subject,
        body=body,
        obj=clock,
        url=clock.get_absolute_url(),
    )


def _sweep_one(clock_id: int, cal: WorkCalendar, alerted: set) -> tuple[bool, bool]:
    with transaction.atomic():
        clock = (
            Clock.objects.select_for_update()
            .select_related("agency", "content_type")
            .filter(pk=clock_id, state=Clock.State.RUNNING)
            .first()
        )
        if clock is None:
            return False, False
        new = current_urgency(clock, cal)
        changed = new != clock.urgency
        if changed:
            before = clock.urgency
            clock.urgency = new
            clock.save(update_fields=["urgency", "updated_at"])
            ClockEvent.objects.create(
                clock=clock,
                kind=ClockEvent.Kind.STATE,
                at=time_source.now(),
                data={"from": before, "to": new},
            )
            record_event(
                action="clock.urgency",
                obj=clock,
                summary=f"{before} → {new}",
                before={"urgency": before},
                after={"urgency": new},
            )
        kind = ALERT_KINDS.get(str(new))
        raised = False
        if kind and (clock.pk, kind, clock.due_at) not in alerted:
            alert, raised = ClockAlert.objects.get_or_create(
                clock=clock,
                kind=kind,
                due_at=clock.due_at,
                defaults={"raised_at": time_source.now()},
            )
            if raised:
                _notify(clock, alert)
    return changed, raised


def sweep_open_clocks() -> dict:
    cal = current_calendar()
    ids = list(
        Clock.objects.filter(state=Clock.State.RUNNING).order_by("pk").values_list("pk", flat=True)
    )
    alerted = set(
        ClockAlert.objects.filter(clock__state=Clock.State.RUNNING).values_list(
            "clock_id", "kind", "due_at"
        )
    )
    checked = changed = alerts = errors = 0
    for clock_id in ids:
        checked += 1
        try:
            did_change, raised = _sweep_one(clock_id, cal, alerted)
        except IntegrityError:  # another sweep raised the same alert at the same moment
            continue
        except Exception:  # one clock's failure must not stop the sweep; retried next run
            logger.exception("deadline sweep failed for clock %s", clock_id)
            errors += 1
            continue
        changed += did_change
        alerts += raised
    return {"checked": checked, "changed": changed, "alerts": alerts, "errors": errors}
