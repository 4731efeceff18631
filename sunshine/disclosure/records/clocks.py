"""The disclosure clock (主动公开时限): 主动公开 information is published within 20 wd of
being formed (条例第二十六条). A 主动公开 record that is not yet published holds a running
"disclosure.publish" clock started at its 成文日期 — not at the day it was typed in — so one
drafted late is already (or soon) overdue on the deadline dashboard. Publication stops it."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.workcalendar.calendar import CalendarRangeError

from .choices import DisclosureMode
from .workflow import RecordState

RULE = "disclosure.publish"
# States in which a 主动公开 record is still waiting to be published (plain strings: enum
# members do not hash like their values).
WAITING_STATES = frozenset(
    s.value
    for s in (
        RecordState.DRAFT,
        RecordState.SUBMITTED,
        RecordState.REVIEWED,
        RecordState.SIGNED_OFF,
        RecordState.SCHEDULED,
    )
)


def open_disclosure_clock(record) -> Clock | None:
    return (
        clocks_for(record)
        .filter(rule=RULE, state__in=[Clock.State.RUNNING, Clock.State.PAUSED])
        .first()
    )


def sync_disclosure_clock(record, *, actor) -> Clock | None:
    """Make the clock match the record: running from the 成文日期 while a 主动公开 record
    waits; stopped when it is published or stops being 主动公开; restarted when the 成文日期
    changes. The calling service has checked its own act."""
    waiting = (
        record.disclosure_mode == DisclosureMode.PROACTIVE and str(record.state) in WAITING_STATES
    )
    clock = open_disclosure_clock(record)
    if clock is not None:
        if not waiting:
            outcome = (
                _("已发布")
                if record.state == RecordState.PUBLISHED
                else _("公开属性改为%(mode)s") % {"mode": record.get_disclosure_mode_display()}
            )
            stop_clock(clock=clock, actor=actor, outcome=outcome, authorize=False)
            return None
        if timezone.localdate(clock.started_at) != record.date_written:
            stop_clock(clock=clock, actor=actor, outcome=_("成文日期已更改"), authorize=False)
            clock = None
    if waiting and clock is None:
        try:
            clock = start_clock(
                obj=record, rule=RULE, agency=record.agency, start=record.date_written, actor=actor
            )
        except CalendarRangeError as exc:
            raise ValidationError({"date_written": exc.messages}) from None
    return clock
