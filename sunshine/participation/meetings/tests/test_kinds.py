"""Meeting types: 听证会, 座谈会 and 咨询协商 are kinds of meeting (the 公众参与 forms a major
decision links, 重大行政决策程序暂行条例 Art. 14)."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel.audit.models import AuditEvent
from sunshine.participation.meetings import services
from sunshine.participation.meetings.choices import PARTICIPATION_KINDS, MeetingKind
from sunshine.testing.factories import staff_with

WHEN = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def manager(province):
    return staff_with("disclosure_officer", province["transport"])


def test_a_meeting_is_a_general_meeting_unless_told(manager, province):
    meeting = services.create_meeting(
        actor=manager, agency=province["transport"], title="例会", starts_at=WHEN
    )
    assert meeting.kind == MeetingKind.MEETING
    assert meeting.get_kind_display() == "一般会议"


def test_a_hearing_is_created_and_its_kind_is_audited(manager, province):
    meeting = services.create_meeting(
        actor=manager,
        agency=province["transport"],
        title="出租车运价调整听证会",
        starts_at=WHEN,
        kind=MeetingKind.HEARING,
    )
    meeting.refresh_from_db()
    assert meeting.kind == "hearing" and meeting.get_kind_display() == "听证会"
    assert AuditEvent.objects.filter(action="meeting.create", object_id=str(meeting.pk)).exists()
    services.update_meeting(actor=manager, meeting=meeting, kind=MeetingKind.SYMPOSIUM)
    meeting.refresh_from_db()
    assert meeting.kind == "symposium"
    assert AuditEvent.objects.filter(action="meeting.update", object_id=str(meeting.pk)).exists()


def test_an_unknown_kind_is_refused_with_a_message(manager, province):
    with pytest.raises(ValidationError) as refused:
        services.create_meeting(
            actor=manager, agency=province["transport"], title="会", starts_at=WHEN, kind="party"
        )
    assert refused.value.message_dict == {"kind": ["会议类型无效。"]}


def test_the_participation_kinds_are_the_three_forms():
    assert [str(k.label) for k in PARTICIPATION_KINDS] == ["听证会", "座谈会", "咨询协商"]


def test_staff_create_a_hearing_in_the_workbench_and_the_api(client, manager, province):
    from django.urls import reverse

    from sunshine.kernel.accounts.services import issue_api_token
    from sunshine.participation.meetings.models import Meeting

    client.force_login(manager)
    form = client.get(reverse("workbench:meetings_create")).content.decode()
    assert "听证会" in form and "咨询协商" in form
    answer = client.post(
        reverse("workbench:meetings_create"),
        {
            "agency": province["transport"].pk,
            "title": "网约车运价听证会",
            "kind": "hearing",
            "starts_at": "2026-12-01T09:00",
            "openness": "public",
        },
    )
    assert answer.status_code == 302
    assert Meeting.objects.get(title="网约车运价听证会").kind == "hearing"
    _token, key = issue_api_token(actor=manager, name="test")
    answer = client.post(
        "/api/v1/meetings",
        {
            "agency_id": province["transport"].pk,
            "title": "物流企业座谈会",
            "kind": "symposium",
            "starts_at": "2026-12-02T09:00:00+08:00",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["kind"] == "symposium"
    refused = client.post(
        "/api/v1/meetings",
        {
            "agency_id": province["transport"].pk,
            "title": "会",
            "kind": "party",
            "starts_at": "2026-12-02T09:00:00+08:00",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert refused.status_code == 422 and refused.json()["errors"] == {"kind": ["会议类型无效。"]}
