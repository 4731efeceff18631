"""The public FOI pages: the guide (fees from the fee module), the online form (login, refused
input kept, identity checks), "my requests" and the letter download; the fee-estimate API."""

import datetime as dt

import pytest

from sunshine.disclosure.foi import replies
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel import clock
from sunshine.testing.factories.foi import online_form

pytestmark = pytest.mark.django_db


API = "/api/v1/foi/fee-estimate"


def test_guide_shows_tiers_limits_and_estimate(client, transport):
    response = client.get(f"/ysqgk/{transport.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "广东省交通运输厅政府信息公开申请指南" in page
    assert "国办函〔2020〕109号" in page
    assert "200 元/件" in page and "40 元/页" in page
    assert "20个工作日" in page
    response = client.get(f"/ysqgk/{transport.pk}/?items_this_month=31&pages=101")
    page = response.content.decode()
    assert 'data-out="by_count">200<' in page and 'data-out="by_volume">720<' in page
    response = client.get(f"/ysqgk/{transport.pk}/?items_this_month=0&pages=x")
    assert "本月第几件申请应在 1 到" in response.content.decode()


def test_apply_requires_login(client, transport):
    response = client.get(f"/ysqgk/{transport.pk}/apply/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_apply_refused_keeps_text_then_succeeds(client, citizen, transport):
    client.force_login(citizen)
    page = client.get(f"/ysqgk/{transport.pk}/apply/").content.decode()
    assert "第 1 件申请" in page
    bad = online_form(id_number="440106198001010001", description="保留这段文字：港口规划资料")
    response = client.post(f"/ysqgk/{transport.pk}/apply/", bad)
    page = response.content.decode()
    assert response.status_code == 200
    assert "校验位错误" in page and "保留这段文字：港口规划资料" in page
    assert not InfoRequest.objects.exists()
    response = client.post(f"/ysqgk/{transport.pk}/apply/", online_form())
    request = InfoRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ysqgk/my/{request.pk}/receipt/"
    assert request.applicant == citizen and request.channel == "online"
    page = client.get("/ysqgk/my/").content.decode()
    assert request.number in page and "办理中" in page


def test_my_request_letter_and_owner_only(client, citizen, transport, officer):
    from sunshine.testing.factories import CitizenFactory

    client.force_login(citizen)
    client.post(f"/ysqgk/{transport.pk}/apply/", online_form())
    request = InfoRequest.objects.get()
    with clock.frozen(clock.today() + dt.timedelta(days=1)):
        replies.reply_to_request(request=request, actor=officer, outcome="disclosed")
    page = client.get(f"/ysqgk/my/{request.pk}/").content.decode()
    assert "予以公开" in page and "letter.pdf" in page
    response = client.get(f"/ysqgk/my/{request.pk}/letter.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(CitizenFactory())
    assert client.get(f"/ysqgk/my/{request.pk}/").status_code == 404
    assert client.get(f"/ysqgk/my/{request.pk}/letter.pdf").status_code == 404


def test_supply_correction_online(client, citizen, transport, officer):
    from sunshine.disclosure.foi import services

    client.force_login(citizen)
    client.post(f"/ysqgk/{transport.pk}/apply/", online_form())
    request = InfoRequest.objects.get()
    services.send_correction_notice(request=request, actor=officer, items="请写明文号")
    response = client.post(f"/ysqgk/my/{request.pk}/", {"text": "<b>粗体</b>"})
    assert "网页标记" in response.content.decode()
    response = client.post(f"/ysqgk/my/{request.pk}/", {"text": "文号为粤交规〔2026〕1号"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "received"


# --- API --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "pages", "by_count", "by_volume"),
    [
        (1, 0, 0, 0),
        (10, 30, 0, 0),
        (11, 31, 100, 10),
        (30, 100, 100, 700),
        (31, 101, 200, 720),
        (41, 201, 300, 2740),
    ],
)
def test_fee_estimate_api(client, items, pages, by_count, by_volume):
    body = client.get(API, {"items_this_month": items, "pages": pages}).json()
    assert (body["by_count"], body["by_volume"]) == (by_count, by_volume)
    assert body["currency"] == "CNY" and "109号" in body["basis"]


def test_fee_estimate_validation(client):
    response = client.get(API, {"items_this_month": "0", "pages": "-1"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "应在 1 到" in errors["items_this_month"][0] and "pages" in errors
    response = client.get(API, {"items_this_month": "abc"})
    assert (
        response.status_code == 422
        and "应为整数" in response.json()["errors"]["items_this_month"][0]
    )
    response = client.get(API)
    assert response.status_code == 422 and "items_this_month" in response.json()["message"]


def test_applicant_is_notified(client, citizen, transport, officer):
    from sunshine.disclosure.foi import services
    from sunshine.kernel.notify.models import Notification

    client.force_login(citizen)
    client.post(f"/ysqgk/{transport.pk}/apply/", online_form())
    request = InfoRequest.objects.get()
    services.send_correction_notice(request=request, actor=officer, items="请写明文号")
    note = Notification.objects.get(recipient=citizen)
    assert "需要补正" in note.subject and note.url == f"/ysqgk/my/{request.pk}/"


def test_sitemap_lists_the_guides(client, transport):
    body = client.get("/sitemap.xml").content.decode()
    if "<sitemapindex" in body:  # paged: the first page holds the sections in order
        body = client.get("/sitemap-1.xml").content.decode()
    assert f"/ysqgk/{transport.pk}/" in body
