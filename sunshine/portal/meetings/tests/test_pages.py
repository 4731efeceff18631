"""Public meeting pages: list (query count), detail (seats, minutes), the published draw that a
reader can recompute from what the page shows, the application form (kept text, messages),
and what the public never sees (planned and non-public meetings, contacts, reasons)."""

import hashlib
import html as htmllib
import json
import random
import re

import pytest

from sunshine.participation.meetings import services
from sunshine.participation.meetings.models import AttendanceApplication
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.meetings import (
    WHEN,
    apply_many,
    drawn_meeting,
    open_meeting,
    published_meeting,
)

pytestmark = pytest.mark.django_db


def text_of(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</', html, re.S)
    assert found, element_id
    return htmllib.unescape(found.group(1))


def test_list_shows_public_meetings_with_plan_in_few_queries(
    client, officer, province, django_assert_max_num_queries
):
    for i in range(6):
        meeting = open_meeting(
            officer, province["transport"], {"public": 3, "expert": 2}, title=f"听证会{i}"
        )
        apply_many(meeting, "public", 2)
    services.create_meeting(
        actor=officer, agency=province["transport"], title="内部计划会", starts_at=WHEN
    )
    hidden = services.create_meeting(
        actor=officer, agency=province["transport"], title="不公开的会议", starts_at=WHEN,
        openness="not_public",
    )  # fmt: skip
    with django_assert_max_num_queries(8):
        response = client.get("/hygk/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("听证会") == 6 and "内部计划会" not in html and "不公开的会议" not in html
    assert "公众代表 3" in html and "专家 2" in html and "已报名 2 人" in html
    assert "直播、会议纪要" in html or "直播" in html
    assert client.get(f"/hygk/{hidden.pk}/").status_code == 404


def test_detail_and_published_minutes(client, officer, province):
    meeting = published_meeting(officer, province["transport"])
    html = client.get(f"/hygk/{meeting.pk}/").content.decode()
    assert "原则同意改扩建方案" in html and "会议纪要" in html
    assert (
        "13800000" not in html and "关心本地交通建设" not in html
    )  # contacts and reasons stay private
    assert '<meta name="ColumnName" content="会议公开">' in html


def test_draw_page_can_be_recomputed_from_what_it_shows(client, officer, province):
    meeting = drawn_meeting(officer, province["transport"])
    html = client.get(f"/hygk/{meeting.pk}/draw/").content.decode()
    inputs = text_of(html, "draw-inputs")
    number = text_of(html, "draw-number")
    seats = json.loads(text_of(html, "draw-seats"))
    published = json.loads(text_of(html, "draw-selected"))
    assert hashlib.sha256(inputs.encode()).hexdigest() == text_of(html, "draw-digest")
    seed = hashlib.sha256(f"{inputs}|{number}".encode()).hexdigest()
    assert seed == text_of(html, "draw-seed")
    rng = random.Random(int(seed, 16))
    recomputed = {}
    for category in ["stakeholder", "public", "expert", "media"]:
        ids = sorted(i for i, _key in json.loads(inputs)[category])
        n = seats.get(category, 0)
        recomputed[category] = ids if len(ids) <= n else sorted(rng.sample(ids, n))
    assert recomputed == published
    selected_ids = set(
        AttendanceApplication.objects.filter(status="selected").values_list("pk", flat=True)
    )
    assert {i for ids in published.values() for i in ids} == selected_ids
    assert len(published["public"]) == 2 and len(published["expert"]) == 1
    assert f"python manage.py meeting_draw {meeting.pk} --verify" in html
    assert "张*" in html and "张伟" not in html


def test_apply_form_keeps_text_and_then_succeeds(client, officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2})
    url = f"/hygk/{meeting.pk}/apply/"
    assert client.get(url).status_code == 302  # login first
    citizen = CitizenFactory()
    client.force_login(citizen)
    reason = "我住在沿线，希望了解改扩建对出行的影响。<script>alert(1)</script>"
    response = client.post(
        url, {"category": "public", "name": "王市民", "contact": "13800000000", "reason": reason}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "不能包含网页代码" in html
    assert "我住在沿线，希望了解改扩建对出行的影响。" in html and "&lt;script&gt;" in html
    assert 'value="王市民"' in html and 'value="13800000000"' in html
    response = client.post(
        url, {"category": "", "name": "王市民", "contact": "13800000000", "reason": ""}
    )
    assert "请选择列席类别" in response.content.decode()
    response = client.post(
        url, {"category": "public", "name": "王市民", "contact": "13800000000", "reason": "关心"}
    )
    assert response.status_code == 302 and response["Location"] == f"/hygk/{meeting.pk}/"
    application = AttendanceApplication.objects.get()
    assert application.applicant == citizen and application.reason == "关心"
    page = client.get(response["Location"]).content.decode()
    assert "报名成功" in page and f"申请编号 {application.pk}" in page


def test_staff_cannot_apply(client, officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2})
    client.force_login(officer)
    response = client.post(
        f"/hygk/{meeting.pk}/apply/", {"category": "public", "name": "张", "contact": "1"}
    )
    assert "工作人员不能以公众身份报名" in response.content.decode()
    assert not AttendanceApplication.objects.exists()


def test_column_and_sitemap(client, officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2})
    from sunshine.portal.columns import column_items

    class R:
        site = None

    assert [i.title for i in column_items(R(), "hdjl", 8)][:1] == [meeting.title] or any(
        i.title == meeting.title for i in column_items(R(), "hdjl", 8)
    )
    assert f"/hygk/{meeting.pk}/" in client.get("/sitemap.xml").content.decode()
