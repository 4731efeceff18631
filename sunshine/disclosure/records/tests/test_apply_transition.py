"""apply_transition: the one table of record transitions by name, for the workbench buttons
(form strings) and the API (typed values)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict

from sunshine.disclosure.records import selectors
from sunshine.disclosure.records.transitions import (
    NAMES,
    ON_OWN_PAGE,
    UnknownTransition,
    apply_transition,
)
from sunshine.kernel import clock
from sunshine.testing.factories.records import draft, record_in

D = dt.date
pytestmark = pytest.mark.django_db


def test_by_name_with_the_comment_trimmed(people):
    record = draft(people)
    label = apply_transition(
        record, "submit", actor=people["drafter"], data=QueryDict("comment=%20请审核%20")
    )
    assert label == "提交审核" and record.state == "submitted"
    assert selectors.record_history(record).get().comment == "请审核"


def test_unknown_and_own_page_names_are_user_facing_errors(people):
    record = draft(people)
    assert "revise" in ON_OWN_PAGE and "revise" not in NAMES
    for name in ("nonsense", "revise", ""):
        with pytest.raises(UnknownTransition) as exc:
            apply_transition(record, name, actor=people["drafter"], data={})
        assert isinstance(exc.value, ValidationError)
        assert exc.value.messages == [f"没有这个办理环节：{name}。"]
    assert record.state == "draft"


def test_schedule_needs_a_readable_time_form_string_or_datetime(people):
    record = record_in("signed_off", people)
    for data in ({}, {"scheduled_at": ""}, {"scheduled_at": "明天上午"}):
        with pytest.raises(ValidationError) as exc:
            apply_transition(record, "schedule", actor=people["approver"], data=data)
        assert exc.value.message_dict == {"scheduled_at": ["请填写定时发布的日期和时间。"]}
    with clock.frozen(D(2026, 10, 9)):
        # A form's datetime-local value is Beijing wall time: 2026-10-10 09:00 +08:00.
        apply_transition(
            record, "schedule", actor=people["approver"], data={"scheduled_at": "2026-10-10T09:00"}
        )
    record.refresh_from_db()
    assert record.state == "scheduled"
    assert record.scheduled_at == dt.datetime(2026, 10, 10, 1, 0, tzinfo=dt.UTC)


def test_repeal_date_as_a_string_or_a_date_and_an_unreadable_one_names_the_field(people):
    record = record_in("published", people)
    with pytest.raises(ValidationError) as exc:
        apply_transition(
            record, "repeal", actor=people["approver"], data={"comment": "x", "on": "2026-13-01"}
        )
    assert exc.value.message_dict == {"on": ["请填写有效的日期。"]}
    apply_transition(
        record, "repeal", actor=people["approver"], data={"comment": "新规定", "on": "2026-11-01"}
    )
    record.refresh_from_db()
    assert (record.validity, record.validity_date) == ("repealed", D(2026, 11, 1))


def test_a_refusal_is_the_service_s_and_changes_nothing(people):
    record = draft(people)
    with pytest.raises(PermissionDenied):
        apply_transition(record, "submit", actor=people["reviewer"], data={})
    apply_transition(record, "submit", actor=people["drafter"], data={})
    with pytest.raises(ValidationError) as exc:  # a rejection needs its reasons
        apply_transition(record, "reject", actor=people["reviewer"], data={"comment": "  "})
    assert "comment" in exc.value.message_dict
    record.refresh_from_db()
    assert record.state == "submitted"
