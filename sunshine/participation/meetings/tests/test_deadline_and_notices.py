"""The application deadline (periodic draw by the system), field messages of the application,
edits, and the result notices to applicants."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.notify.models import Notification
from sunshine.participation.meetings import services, tasks
from sunshine.participation.meetings.models import Meeting
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.meetings import WHEN, apply_many, open_meeting


def test_system_draws_at_the_deadline_and_staff_cannot_draw_early(officer, province):
    close_at = WHEN - timedelta(days=3)
    with clock.frozen(close_at - timedelta(days=5)):
        meeting = open_meeting(
            officer, province["transport"], {"public": 2}, applications_close_at=close_at
        )
        apps = apply_many(meeting, "public", 4)
        with pytest.raises(ValidationError, match="截止时间未到"):
            services.close_and_draw(meeting=meeting, actor=officer)
        assert services.draw_due_meetings() == []
    with clock.frozen(close_at + timedelta(minutes=1)):
        with pytest.raises(ValidationError, match="不接受列席报名"):
            services.apply(
                actor=CitizenFactory(), meeting=meeting, category="public", name="迟到", contact="1"
            )
        tasks.draw_due_meetings.call()
        assert services.draw_due_meetings() == []  # idempotent
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAWN
    assert AuditEvent.objects.filter(action="meeting.draw", actor=None).count() == 1
    assert services.verify_draw(meeting)["ok"]
    notes = Notification.objects.filter(event="meeting.draw_result")
    assert notes.count() == 4
    winners = {a.applicant_id for a in apps if a.pk in meeting.draw.selected["public"]}
    assert {n.recipient_id for n in notes if "您已抽中" in n.subject} == winners
    assert all(n.url == f"/hygk/{meeting.pk}/draw/" for n in notes)


def test_application_messages_name_the_field(officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2})
    citizen = CitizenFactory()
    with pytest.raises(ValidationError) as exc:
        services.apply(
            actor=citizen,
            meeting=meeting,
            category="",
            name="",
            contact="<b>x</b>",
            reason="好" * 2001,
        )
    errors = exc.value.message_dict
    assert errors["category"] == ["请选择列席类别。"]
    assert "姓名" in errors["name"][0]
    assert "网页代码" in errors["contact"][0]
    assert "2000" in errors["reason"][0]
    with pytest.raises(ValidationError) as exc:
        services.apply(
            actor=citizen,
            meeting=meeting,
            category="public",
            name="张三",
            contact="13800000000",
            reason="<script>alert(1)</script>",
        )
    assert "网页代码" in exc.value.message_dict["reason"][0]
    assert not meeting.applications.exists()


def test_meeting_fields_and_edit_rules(officer, province):
    with pytest.raises(ValidationError) as exc:
        services.create_meeting(
            actor=officer,
            agency=province["transport"],
            title="",
            starts_at=WHEN,
            applications_close_at=WHEN + timedelta(hours=1),
            live_url="ftp://x",
        )
    errors = exc.value.message_dict
    assert set(errors) >= {"title", "applications_close_at", "live_url"}
    meeting = open_meeting(officer, province["transport"], {"public": 1})
    with pytest.raises(ValidationError, match="公开属性"):
        services.update_meeting(actor=officer, meeting=meeting, openness="not_public")
    meeting = services.update_meeting(actor=officer, meeting=meeting, place="二楼大会议室")
    assert meeting.place == "二楼大会议室"
    assert AuditEvent.objects.filter(action="meeting.update").exists()
