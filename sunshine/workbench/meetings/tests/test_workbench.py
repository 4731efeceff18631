"""Staff meeting pages: create with field messages, seats, open with the announced number, draw,
held, publish; other agencies get a 404; the queue and the list's query count."""

from datetime import UTC, datetime

import pytest

from sunshine.kernel import clock
from sunshine.participation.meetings.models import Meeting
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.meetings import apply_many, open_meeting
from sunshine.workbench.queues import queue_for_user

pytestmark = pytest.mark.django_db


def test_full_flow_through_the_pages(client, officer, province):
    client.force_login(officer)
    data = {
        "agency": province["transport"].pk,
        "title": "",
        "description": "广州至湛江高速公路改扩建方案",
        "starts_at": "2026-12-10T09:30",
        "place": "三楼会议室",
        "openness": "public",
        "publish_modes": ["live", "minutes"],
        "applications_close_at": "2026-12-20T09:30",
        "live_url": "https://live.example.gov.cn/1",
    }
    response = client.post("/workbench/meetings/new/", data)
    html = response.content.decode()
    assert "请填写会议名称" in html and "报名截止时间须早于会议召开时间" in html
    assert "广州至湛江高速公路改扩建方案" in html  # kept
    data.update(title="改扩建方案听证会", applications_close_at="2026-12-05T17:00")
    with clock.frozen(datetime(2026, 11, 25, tzinfo=UTC)):
        response = client.post("/workbench/meetings/new/", data)
        meeting = Meeting.objects.get()
        assert response["Location"] == f"/workbench/meetings/{meeting.pk}/"
        assert meeting.starts_at == datetime(2026, 12, 10, 1, 30, tzinfo=UTC)  # Shanghai wall time
        client.post(f"/workbench/meetings/{meeting.pk}/seats/", {"public": 2, "expert": 1})
        response = client.post(f"/workbench/meetings/{meeting.pk}/open/", {"announced_number": ""})
        assert (
            "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()
        )
        client.post(f"/workbench/meetings/{meeting.pk}/open/", {"announced_number": "31415"})
        meeting.refresh_from_db()
        assert meeting.state == "applications_open" and meeting.announced_number == "31415"
        apply_many(meeting, "public", 3)
        response = client.post(f"/workbench/meetings/{meeting.pk}/draw/", follow=True)
        assert "截止时间未到" in response.content.decode()
    with clock.frozen(datetime(2026, 12, 6, tzinfo=UTC)):
        client.post(f"/workbench/meetings/{meeting.pk}/draw/")
        meeting.refresh_from_db()
        assert meeting.state == "drawn"
        page = client.get(f"/workbench/meetings/{meeting.pk}/").content.decode()
        assert f"meeting_draw {meeting.pk} --verify" in page and "13800000000" in page
    with clock.frozen(datetime(2026, 12, 11, tzinfo=UTC)):
        assert [i.label for i in queue_for_user(officer)] == ["待标记召开"]
        client.post(f"/workbench/meetings/{meeting.pk}/held/")
        response = client.post(
            f"/workbench/meetings/{meeting.pk}/results/", {"minutes": "", "decisions": "同意"}
        )
        assert "请填写会议纪要或摘要" in response.content.decode()
        client.post(
            f"/workbench/meetings/{meeting.pk}/results/",
            {"minutes": "会议纪要", "decisions": "同意"},
        )
    meeting.refresh_from_db()
    assert meeting.state == "published" and meeting.decisions == "同意"


def test_other_agency_gets_404_and_supervisor_reads_only(client, officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 1})
    client.force_login(staff_with("disclosure_officer", province["county"]))
    assert client.get(f"/workbench/meetings/{meeting.pk}/").status_code == 404
    assert client.post(f"/workbench/meetings/{meeting.pk}/draw/").status_code == 404
    assert meeting.title not in client.get("/workbench/meetings/").content.decode()
    client.force_login(staff_with("supervisor", province["office"]))
    page = client.get(f"/workbench/meetings/{meeting.pk}/").content.decode()
    assert meeting.title in page and "截止报名并抽签" not in page
    client.post(f"/workbench/meetings/{meeting.pk}/draw/")
    meeting.refresh_from_db()
    assert meeting.state == "applications_open"
    client.force_login(staff_with("drafter", province["transport"]))
    assert client.get("/workbench/meetings/").status_code == 403


def test_list_query_count(client, officer, province, django_assert_max_num_queries):
    for i in range(8):
        apply_many(
            open_meeting(officer, province["transport"], {"public": 1}, title=f"会{i}"), "public", 2
        )
    client.force_login(officer)
    client.get("/workbench/meetings/")
    with django_assert_max_num_queries(14):
        response = client.get("/workbench/meetings/")
    assert response.content.decode().count("/workbench/meetings/") >= 8
