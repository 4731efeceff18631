"""公共资源交易 on the portal: the list with its filters (a bad date is named, not a crash), a
project page with the timeline and a published complaint outcome, the complaint form (logged-in
bidders only; refused input keeps what was typed), the feed, the blacklist, the one search."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.urls import reverse

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.clock import frozen
from sunshine.opendata.trading import services
from sunshine.opendata.trading.harvest import import_feed
from sunshine.opendata.trading.models import Complaint
from sunshine.opendata.trading.tests.factories import (
    BIDDER_CODE,
    feed_row,
    imported_project,
    json_bytes,
)
from sunshine.testing.factories.kernel import CitizenFactory, staff_with

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def projects(gov):
    first = imported_project(gov["market"], gov["editor"])
    land = feed_row(
        gov["env"], project="GD-L-2", notice="GD-LN-2", category="土地使用权和矿业权出让",
        project_title="佛山市南海区桂城街道地块国有建设用地使用权挂牌出让",
        notice_title="国有建设用地使用权挂牌出让公告", published_on="2026-10-20",
    )  # fmt: skip
    import_feed(data=json_bytes([land]), fmt="json", platform="gdggzy", actor=gov["env_editor"])
    return first


def test_list_filters_and_a_bad_date(client, gov, projects):
    url = reverse("portal:trading_list")
    html = client.get(url).content.decode()
    assert "医疗设备采购项目" in html and "挂牌出让" in html
    html = client.get(url, {"category": "land_mineral"}).content.decode()
    assert "挂牌出让" in html and "医疗设备采购项目" not in html
    html = client.get(url, {"stage": "result"}).content.decode()
    assert "医疗设备采购项目" in html and "挂牌出让" not in html
    html = client.get(url, {"agency": gov["env"].pk}).content.decode()
    assert "挂牌出让" in html and "医疗设备采购项目" not in html
    html = client.get(url, {"from": "2026-10-01"}).content.decode()
    assert "挂牌出让" in html and "医疗设备采购项目" not in html
    html = client.get(url, {"q": "康华医疗"}).content.decode()  # the winner's name
    assert "医疗设备采购项目" in html and "挂牌出让" not in html
    response = client.get(url, {"from": "2026-13-01"})
    assert response.status_code == 200 and "格式不对" in response.content.decode()
    found = client.get(reverse("portal:search"), {"q": "康华医疗"}).content.decode()
    assert f"/ggzy/{projects.pk}/" in found


def test_project_page_complaint_and_outcome(client, gov, projects):
    detail = reverse("portal:trading_detail", args=[projects.pk])
    html = client.get(detail).content.decode()
    assert (
        "中标结果公告" in html and "广州康华医疗器械有限公司" in html and "暂无已处理的投诉" in html
    )
    form_url = reverse("portal:trading_complaint", args=[projects.pk])
    assert client.get(form_url).status_code == 302  # log in first
    bidder = CitizenFactory()
    client.force_login(bidder)
    data = {
        "complainant_name": "广州安信医疗科技有限公司",
        "credit_code": "123",
        "contact": "020-83001234",
        "matters": "中标产品不满足技术参数要求。",
        "facts": "探测器排数不足。",
        "request_text": "",
        "challenge": "9月21日质疑，9月24日答复。",
    }
    refused = client.post(form_url, data)
    body = refused.content.decode()
    assert refused.status_code == 400 and "探测器排数不足。" in body and "校验位" not in body
    assert Complaint.objects.count() == 0
    data |= {"credit_code": BIDDER_CODE, "request_text": "请求认定中标无效。"}
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        response = client.post(form_url, data)
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/ggzy/my/{complaint.pk}/"
    )
    mine = client.get(reverse("portal:trading_my_complaints")).content.decode()
    assert "医疗设备采购项目" in mine
    other = CitizenFactory()
    client.force_login(other)
    assert (
        client.get(reverse("portal:trading_my_complaint", args=[complaint.pk])).status_code == 404
    )
    handler = staff_with(Role.REVIEWER, gov["market"])
    services.accept_complaint(actor=handler, complaint=complaint)
    services.decide_complaint(actor=handler, complaint=complaint, outcome="upheld",
                              decision="投诉事项成立，责令重新开展采购活动。")  # fmt: skip
    client.logout()
    cache.clear()  # the anonymous page cache (60 s)
    html = client.get(detail).content.decode()
    assert "投诉事项成立" in html and "责令重新开展采购活动" in html


def test_feed_blacklist_and_sitemap(client, gov, projects):
    feed = client.get(reverse("portal:trading_feed"))
    assert feed["Content-Type"].startswith("application/xml")
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(feed.content).iter(f"{ATOM}entry")]
    assert titles[0] == "国有建设用地使用权挂牌出让公告" and len(titles) == 3
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["market"])
    entry = services.register_blacklist(
        actor=officer, agency=gov["market"], entity_name="广东某某建设工程有限公司",
        credit_code=BIDDER_CODE, reason="提供虚假业绩材料", basis="招标投标法实施条例第六十八条",
        valid_from=dt.date.today() - dt.timedelta(days=1),
        valid_to=dt.date.today() + dt.timedelta(days=300),
    )  # fmt: skip
    page = reverse("portal:trading_blacklist")
    assert "广东某某建设工程有限公司" not in client.get(page).content.decode()
    services.publish_blacklist(actor=officer, entry=entry)
    cache.clear()  # the anonymous page cache (60 s)
    assert "广东某某建设工程有限公司" in client.get(page).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/ggzy/{projects.pk}/" in sitemap


def test_the_list_queries_do_not_grow_with_rows(client, gov, projects):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("portal:trading_list")

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"q": "项目"}).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    more = [feed_row(gov["market"], project=f"GD-M-{i}", notice=f"GD-MN-{i}", project_title=f"第{i}号采购项目") for i in range(8)]  # fmt: skip
    import_feed(data=json_bytes(more), fmt="json", platform="gdggzy", actor=gov["editor"])
    assert count() == before
