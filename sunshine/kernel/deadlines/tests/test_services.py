"""Clock arithmetic on the real 2026 calendar. foi.reply = 20 wd; started 2026-09-30, the
working days after it are 10-08, 09, 10 (Saturday make-up), 12, 13, 14, 15, 16, 19, 20, 21,
22, 23, 26, 27, 28, 29, 30, 11-02, 11-03: due 2026-11-03."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines import services
from sunshine.kernel.deadlines.models import ClockEvent
from sunshine.kernel.deadlines.rules import get_rule
from sunshine.kernel.workcalendar import services as calendar_services
from sunshine.testing.factories import staff_with

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def people(province):
    agency = province["transport"]
    return {
        "agency": agency,
        "officer": staff_with("disclosure_officer", agency),
        "approver": staff_with("approver", agency),
        "drafter": staff_with("drafter", agency),
        "admin": staff_with("sysadmin", province["root"]),
    }


SEP30 = D(2026, 9, 30)


def start(agency, rule="foi.reply", on=SEP30):
    with clock.frozen(on):
        return services.start_clock(obj=agency, rule=rule)


def test_start_counts_working_days_from_the_day_after(people):
    c = start(people["agency"])
    assert c.due_date == D(2026, 11, 3)
    assert c.due_at.hour == 23 and c.due_at.minute == 59
    assert (c.state, c.urgency, c.provisional, c.unit, c.length) == (
        "running",
        "on_time",
        False,
        "wd",
        20,
    )
    assert c.agency == people["agency"]
    assert list(services.clocks_for(people["agency"])) == [c]
    assert c.events.get().kind == ClockEvent.Kind.START
    assert AuditEvent.objects.filter(action="clock.start", object_id=str(c.pk)).exists()


def test_a_length_given_at_start_replaces_the_rules_for_that_clock_only(people):
    # 8 wd after 2026-09-30: 10-08, 09, 10 (Saturday make-up), 12, 13, 14, 15, 16 → 10-16.
    with clock.frozen(SEP30):
        short = services.start_clock(obj=people["agency"], rule="foi.reply", length=8)
        other = services.start_clock(obj=people["officer"], rule="foi.reply")
    assert (short.length, short.due_date) == (8, D(2026, 10, 16))
    assert (other.length, other.due_date) == (20, D(2026, 11, 3))
    with pytest.raises(ValueError):
        services.start_clock(obj=people["drafter"], rule="foi.reply", length=-1)


def test_calendar_day_and_hour_rules(people):
    c = start(people["agency"], "decision.comment_period")
    assert c.due_date == D(2026, 10, 30)  # 30 calendar days, holidays included
    with clock.frozen(dt.datetime(2026, 10, 1, 10, 30)):
        h = services.start_clock(obj=people["agency"], rule="opinion.major_first_response")
    assert clock_local(h.due_at) == dt.datetime(2026, 10, 1, 15, 30)


def clock_local(value):
    from django.utils import timezone

    return timezone.localtime(value).replace(tzinfo=None)


def test_due_date_in_2027_is_provisional(people):
    c = start(people["agency"], on=D(2026, 12, 10))
    # 12-11 .. 12-31: 15 working days; 2027-01-01 Fri 元旦 (statutory holiday, off even
    # without a notice), 01-04..08 (16–20)
    assert c.due_date == D(2027, 1, 8)
    assert c.provisional is True


def test_one_open_clock_per_rule_and_object(people):
    start(people["agency"])
    with pytest.raises(ValidationError):
        start(people["agency"])


def test_pause_and_resume_add_the_paused_working_days(people):
    c = start(people["agency"])
    with clock.frozen(D(2026, 10, 12)):
        services.pause_clock(clock=c, actor=people["officer"], reason="补正")
    assert c.state == "paused" and c.due_date == D(2026, 11, 3)
    with clock.frozen(D(2026, 10, 16)):
        services.resume_clock(clock=c, actor=people["officer"])
    # paused 10-13, 14, 15, 16: 4 working days; 11-03 + 4 wd = 11-09
    assert (c.state, c.due_date, c.paused_total) == ("running", D(2026, 11, 9), 4)
    resume = c.events.get(kind="resume")
    assert resume.amount == 4
    assert [e.kind for e in c.events.all()] == ["start", "pause", "resume"]
    assert c.events.get(kind="pause").reason == "补正"


def test_pause_rules(people):
    c = start(people["agency"])
    with pytest.raises(PermissionDenied):
        services.pause_clock(clock=c, actor=people["drafter"], reason="补正")
    with pytest.raises(ValidationError):
        services.pause_clock(clock=c, actor=people["officer"], reason=" ")
    with pytest.raises(ValidationError):
        services.resume_clock(clock=c, actor=people["officer"])
    # a domain service that checked its own act (the applicant supplied the 补正)
    services.pause_clock(clock=c, actor=people["officer"], reason="补正")
    services.resume_clock(clock=c, actor=people["drafter"], authorize=False)
    assert c.state == "running"


def test_extend_once_by_at_most_20_wd_for_foi_replies(people):
    c = start(people["agency"])
    officer, approver = people["officer"], people["approver"]
    with pytest.raises(ValidationError):  # 条例 Art. 33: at most 20 wd
        services.extend_clock(clock=c, actor=officer, approver=approver, length=21, reason="x")
    with pytest.raises(ValidationError):  # the approver must be entitled to approve
        services.extend_clock(
            clock=c, actor=officer, approver=people["drafter"], length=5, reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.extend_clock(
            clock=c, actor=people["drafter"], approver=approver, length=5, reason="x"
        )
    with clock.frozen(D(2026, 10, 20)):
        services.extend_clock(
            clock=c, actor=officer, approver=approver, length=20, reason="需要调档"
        )
    # 11-03 + 20 wd: 11-04..06 (3), 09..13 (8), 16..20 (13), 23..27 (18), 30 (19), 12-01 (20)
    assert c.due_date == D(2026, 12, 1)
    assert (c.extension_total, c.extension_count) == (20, 1)
    event = c.events.get(kind="extend")
    assert (event.approver, event.amount, event.reason) == (approver, 20, "需要调档")
    with pytest.raises(ValidationError):  # only one extension
        services.extend_clock(clock=c, actor=officer, approver=approver, length=1, reason="x")


def test_a_rule_can_be_configured_in_settings(people):
    with override_settings(DEADLINE_RULES={"foi.reply": {"length": 15}}):
        assert get_rule("foi.reply").length == 15
        c = start(people["agency"])
    assert c.length == 15 and c.due_date == D(2026, 10, 27)


def test_stop_records_whether_the_deadline_was_met(people):
    c = start(people["agency"])
    with clock.frozen(D(2026, 11, 3)):
        services.stop_clock(clock=c, actor=people["officer"], outcome="予以公开")
    assert (c.state, c.met_deadline, c.outcome) == ("stopped", True, "予以公开")
    with pytest.raises(ValidationError):
        services.stop_clock(clock=c, actor=people["officer"])
    late = start(people["agency"], "foi.correction_notice")
    with clock.frozen(D(2026, 12, 1)):
        services.stop_clock(clock=late, actor=people["officer"])
    assert late.met_deadline is False


def test_urgency_follows_the_working_days_left(people):
    c = start(people["agency"])
    with clock.frozen(D(2026, 10, 28)):  # 4 wd left: 10-29, 30, 11-02, 03
        assert services.current_urgency(c, _cal()) == "on_time"
    with clock.frozen(D(2026, 10, 29)):
        assert services.current_urgency(c, _cal()) == "due_soon"
    with clock.frozen(D(2026, 11, 4)):
        assert services.current_urgency(c, _cal()) == "overdue"
    with override_settings(DEADLINE_DUE_SOON_WD=5), clock.frozen(D(2026, 10, 27)):
        assert services.current_urgency(c, _cal()) == "due_soon"


def _cal():
    from sunshine.kernel.workcalendar.calendar import current_calendar

    return current_calendar()


def test_a_calendar_edit_moves_open_clocks_and_is_audited(people):
    c = start(people["agency"])
    done = start(people["agency"], "foi.correction_notice")
    with clock.frozen(D(2026, 10, 9)):
        services.stop_clock(clock=done, actor=people["officer"])
    with clock.frozen(D(2026, 10, 9)):
        calendar_services.set_calendar_day(
            actor=people["admin"], date=D(2026, 10, 20), is_off_day=True, name="临时假日"
        )
    c.refresh_from_db()
    assert c.due_date == D(2026, 11, 4)  # one working day fewer before 11-03
    event = c.events.get(kind="recompute")
    assert event.actor == people["admin"]
    assert event.data["due_at"].startswith("2026-11-04")
    assert AuditEvent.objects.filter(action="clock.recompute", object_id=str(c.pk)).count() == 1
    calendar_event = AuditEvent.objects.get(action="calendar.day_set")
    assert calendar_event.data["clocks_changed"] == 1
    assert not done.events.filter(kind="recompute").exists()  # stopped clocks stay as they were


def test_loading_a_years_notice_clears_the_provisional_flag(people):
    c = start(people["agency"], on=D(2026, 12, 10))
    calendar_services.import_calendar(
        actor=people["admin"],
        raw={
            "year": 2027,
            "papers": [],
            "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}],
        },
    )
    c.refresh_from_db()
    assert (c.due_date, c.provisional) == (D(2027, 1, 8), False)


def test_a_calendar_edit_elsewhere_leaves_clocks_alone(people):
    c = start(people["agency"])
    with clock.frozen(D(2026, 10, 1)):
        calendar_services.set_calendar_day(
            actor=people["admin"], date=D(2025, 3, 3), is_off_day=True, name="测试"
        )
    assert not c.events.filter(kind="recompute").exists()
    assert AuditEvent.objects.get(action="calendar.day_set").data["clocks_changed"] == 0


def test_hours_rules_pause_by_the_hour(people):
    with clock.frozen(dt.datetime(2026, 10, 1, 10, 0)):
        c = services.start_clock(obj=people["agency"], rule="opinion.press_conference")
    with clock.frozen(dt.datetime(2026, 10, 1, 12, 0)):
        services.pause_clock(clock=c, actor=None, reason="核实")
    with clock.frozen(dt.datetime(2026, 10, 1, 15, 30)):
        services.resume_clock(clock=c, actor=None)
    assert clock_local(c.due_at) == dt.datetime(2026, 10, 2, 13, 30)
    assert c.paused_total == 3
