"""The staff pages: scoped lists, a record's interpretations with the waiver, writing a draft,
files, workflow buttons, the drafters' queue on the dashboard."""

import pytest
from django.core.cache import cache

from sunshine.disclosure.interpretations.models import Interpretation, InterpretationWaiver
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.files.testing import make_image, upload
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.interpretations import interpretation, published_pair
from sunshine.testing.factories.records import draft, record_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
WB = "/workbench/interpretations/"


def test_only_staff(client, people):
    assert client.get(WB).status_code == 302  # to the login page
    client.force_login(CitizenFactory())
    assert client.get(WB).status_code == 403


def test_list_is_scoped_to_the_agency_subtree(client, people):
    mine = interpretation(people, draft(people), title="本厅的解读")
    transport = draft(people, agency=people["other_agency"], actor=people["other_drafter"])
    theirs = interpretation(people, transport, actor=people["other_drafter"], title="交通厅的解读")
    client.force_login(people["drafter"])
    html = client.get(WB).content.decode()
    assert "本厅的解读" in html and "交通厅的解读" not in html
    assert client.get(f"{WB}{theirs.pk}/").status_code == 404
    assert client.get(f"{WB}record/{transport.pk}/").status_code == 404
    assert client.get(f"{WB}{mine.pk}/").status_code == 200
    client.force_login(people["supervisor"])
    html = client.get(WB).content.decode()
    assert "本厅的解读" in html and "交通厅的解读" in html
    assert 'href="/workbench/interpretations/"' in client.get("/workbench/").content.decode()


def test_filters(client, people):
    interpretation(people, draft(people), title="文字的")
    interpretation(people, draft(people), kind="graphic", title="图解的", ready=True)
    client.force_login(people["reviewer"])
    html = client.get(WB + "?kind=graphic").content.decode()
    assert "图解的" in html and "文字的" not in html
    html = client.get(WB + "?state=draft&q=文字").content.decode()
    assert "文字的" in html and "图解的" not in html


@pytest.mark.parametrize("rows", [1, 8])
def test_list_query_count(client, people, rows, django_assert_max_num_queries):
    record = draft(people)
    for _ in range(rows):
        interpretation(people, record)
    client.force_login(people["reviewer"])
    client.get(WB)
    with django_assert_max_num_queries(10):
        response = client.get(WB)
    assert response.content.decode().count("/workbench/interpretations/record/") == rows


def test_write_a_draft_from_the_record_and_see_it_through(client, people):
    record = record_in("signed_off", people, needs_interpretation=True)
    client.force_login(people["drafter"])
    page = client.get(f"{WB}record/{record.pk}/").content.decode()
    assert "未满足" in page and f"{WB}record/{record.pk}/new/" in page
    response = client.post(
        f"{WB}record/{record.pk}/new/",
        {"kind": "graphic", "title": "一图读懂阳光政务", "body": "", "media_url": "ftp://x"},
    )
    assert response.status_code == 200 and "http:// 或 https://" in response.content.decode()
    response = client.post(
        f"{WB}record/{record.pk}/new/",
        {"kind": "graphic", "title": "一图读懂阳光政务", "body": "", "media_url": ""},
    )
    item = Interpretation.objects.get()
    assert response.url == f"{WB}{item.pk}/"
    detail = client.get(response.url).content.decode()
    assert "上传图片或文件" in detail
    client.post(f"{WB}{item.pk}/files/", {"file": upload("图解.png", make_image())})
    image = item.attachments.get()
    assert client.get(f"{WB}{item.pk}/files/{image.pk}/")["Content-Type"] == "image/png"
    response = client.post(f"{WB}{item.pk}/edit/", {"kind": "graphic", "title": "一图读懂"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "一图读懂"

    client.force_login(people["reviewer"])
    detail = client.get(f"{WB}{item.pk}/").content.decode()
    assert "审核通过（待随文件发布）" in detail and "上传图片或文件" not in detail
    client.post(f"{WB}{item.pk}/do/mark_ready/", {"comment": "同意"})
    item.refresh_from_db()
    assert item.state == "ready"
    response = client.post(f"{WB}{item.pk}/do/send_back/", {"comment": ""}, follow=True)
    assert "请填写意见或理由" in response.content.decode()
    page = client.get(f"{WB}record/{record.pk}/").content.decode()
    assert "已满足" in page


def test_blocked_buttons_say_why(client, people):
    item = interpretation(people, draft(people), body="")
    client.force_login(people["reviewer"])
    html = client.get(f"{WB}{item.pk}/").content.decode()
    assert "disabled" in html and "文字解读需要填写解读正文" in html


def test_other_agency_cannot_write(client, people):
    record = draft(people)
    client.force_login(people["other_drafter"])
    assert client.get(f"{WB}record/{record.pk}/new/").status_code == 404
    above = staff_with("reviewer", people["province"]["root"])  # sees, may not draft
    client.force_login(above)
    assert client.get(f"{WB}record/{record.pk}/new/").status_code == 403
    response = client.post(f"{WB}record/{record.pk}/new/", {"kind": "text", "title": "x"})
    assert response.status_code == 403 and not Interpretation.objects.exists()


def test_waiver_from_the_record_page(client, people):
    record = record_in("signed_off", people, needs_interpretation=True)
    client.force_login(people["reviewer"])
    assert "免于解读（签发人）" not in client.get(f"{WB}record/{record.pk}/").content.decode()
    client.post(f"{WB}record/{record.pk}/override/", {"reason": "想免"})
    assert not InterpretationWaiver.objects.exists()
    client.force_login(people["approver"])
    assert "免于解读（签发人）" in client.get(f"{WB}record/{record.pk}/").content.decode()
    client.post(f"{WB}record/{record.pk}/override/", {"reason": "纯程序性文件"})
    waiver = InterpretationWaiver.objects.get()
    assert (waiver.approved_by, waiver.reason) == (people["approver"], "纯程序性文件")
    assert AuditEvent.objects.filter(action="interpretation.override").count() == 1
    assert "纯程序性文件" in client.get(f"{WB}record/{record.pk}/").content.decode()


def queue(client) -> str:
    """The 我的待办 card of the dashboard."""
    html = client.get("/workbench/").content.decode()
    return html.split('id="queue-title"', 1)[1].split("</section>", 1)[0]


def test_pending_page_and_the_drafters_queue(client, people):
    waiting = record_in("submitted", people, needs_interpretation=True, title="待解读的文件")
    covered = draft(people, needs_interpretation=True, title="已有解读的文件")
    interpretation(people, covered, ready=True)
    draft(people, title="无需解读的文件")
    draft(
        people,
        agency=people["other_agency"],
        actor=people["other_drafter"],
        needs_interpretation=True,
        title="交通厅的文件",
    )
    published_pair(people, title="已发布的文件")
    client.force_login(people["drafter"])
    dashboard = queue(client)
    assert "待解读的文件" in dashboard and f"{WB}record/{waiting.pk}/" in dashboard
    for title in ("已有解读的文件", "无需解读的文件", "交通厅的文件", "已发布的文件"):
        assert title not in dashboard
    pending = client.get(f"{WB}pending/").content.decode()
    assert "待解读的文件" in pending and "交通厅的文件" not in pending
    client.force_login(people["approver"])  # the queue is the drafters'; the page is for all
    assert "待解读的文件" not in queue(client)
    assert "待解读的文件" in client.get(f"{WB}pending/").content.decode()


def test_withdraw_from_the_page_takes_it_off_the_portal(client, people):
    _record, item = published_pair(people)
    client.force_login(people["approver"])
    client.post(f"{WB}{item.pk}/do/withdraw/", {"comment": "数据有误"})
    item.refresh_from_db()
    assert item.state == "withdrawn"
    client.logout()
    cache.clear()
    assert client.get(f"/zcjd/{item.pk}/").status_code == 404


def test_unknown_action_is_404(client, people):
    item = interpretation(people, draft(people))
    client.force_login(people["approver"])
    assert client.post(f"{WB}{item.pk}/do/explode/").status_code == 404
    assert client.get(f"{WB}{item.pk}/do/mark_ready/").status_code == 405
