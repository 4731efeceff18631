"""The disclosure clock: 主动公开 within 20 wd of 成文日期 (条例第二十六条). 2026-09-30 + 20 wd
(National Day holidays and the 10-10 make-up day counted by the official calendar) = 11-03."""

import datetime as dt

import pytest
from django.utils import timezone

from sunshine.disclosure.records import services
from sunshine.disclosure.records.clocks import open_disclosure_clock
from sunshine.kernel import clock
from sunshine.kernel.deadlines.selectors import clocks_for, clocks_for_user
from sunshine.kernel.deadlines.tasks import sweep_clocks
from sunshine.testing.factories.records import draft, record_in

D = dt.date
pytestmark = pytest.mark.django_db


def test_clock_starts_at_date_written_not_today(people):
    with clock.frozen(D(2026, 10, 20)):  # typed in three weeks later
        record = draft(people)
    c = open_disclosure_clock(record)
    assert (c.rule, c.agency, c.state) == ("disclosure.publish", people["agency"], "running")
    assert timezone.localdate(c.started_at) == D(2026, 9, 30) and c.due_date == D(2026, 11, 3)


def test_unpublished_record_becomes_overdue_then_publication_stops_it(people):
    with clock.frozen(D(2026, 10, 9)):
        record = record_in("signed_off", people)
    with clock.frozen(D(2026, 11, 4)):
        sweep_clocks.call()
        c = open_disclosure_clock(record)
        assert c.urgency == "overdue"
        assert [x.pk for x in clocks_for_user(people["officer"])] == [c.pk]
        services.publish(record=record, actor=people["approver"])
    c.refresh_from_db()
    assert (c.state, c.met_deadline, c.outcome) == ("stopped", False, "已发布")
    assert open_disclosure_clock(record) is None
    assert list(clocks_for_user(people["officer"])) == []


def test_published_in_time_meets_the_deadline(people):
    with clock.frozen(D(2026, 10, 9)):
        record = record_in("published", people)
    (c,) = clocks_for(record)
    assert (c.state, c.met_deadline) == ("stopped", True)


def test_non_proactive_records_have_no_clock_and_changes_follow_the_record(people):
    record = draft(
        people,
        disclosure_mode="withheld",
        withheld_reason="国家秘密",
        withheld_ground="state_secret",
    )
    assert not clocks_for(record).exists()

    services.update_draft(record=record, actor=people["drafter"], disclosure_mode="proactive")
    first = open_disclosure_clock(record)
    assert timezone.localdate(first.started_at) == D(2026, 9, 30)

    services.update_draft(record=record, actor=people["drafter"], date_written=D(2026, 10, 9))
    first.refresh_from_db()
    second = open_disclosure_clock(record)
    assert (first.state, first.outcome) == ("stopped", "成文日期已更改")
    assert timezone.localdate(second.started_at) == D(2026, 10, 9)

    services.update_draft(
        record=record,
        actor=people["drafter"],
        disclosure_mode="on_request",
        withheld_reason="过程性信息",
        withheld_ground="process",
    )
    second.refresh_from_db()
    assert (second.state, second.outcome) == ("stopped", "公开属性改为依申请公开")
    assert open_disclosure_clock(record) is None


def test_a_date_before_the_calendar_is_a_field_error(people):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        draft(people, date_written=D(2005, 3, 1))
    assert list(exc.value.message_dict) == ["date_written"]
