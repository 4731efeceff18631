"""公共资源交易 on the portal: the list with its filters (a bad date is named, not a crash), a
project page with the timeline and a published complaint outcome, the complaint form (logged-in
bidders only; refused input keeps what was typed), the feed, the blacklist, the one search."""

import datetime as dt
import re
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
    shown = client.get(response["Location"]).content.decode()  # 政府采购: 5 wd → Sat 10 Oct
    assert "5个工作日内（2026-10-10前）审查是否受理" in shown
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


def test_works_complaint_periods_correction_form_and_refusals(client, gov):
    """A 工程建设 complaint: the message names 3 wd and the review clock's date (not 5 wd); the
    补正 form on 我的投诉 keeps what was typed when refused. Dates by hand (2026: 1–7 Oct off,
    Sat 10 Oct worked): received Mon 28 Sep → 3 wd: 29, 30 Sep, 8 Oct → due Thu 8 Oct. 补正
    asked Tue 29 Sep, sent Fri 9 Oct: 30 Sep–9 Oct not counted → 29 Sep (1), Sat 10 Oct (2),
    Mon 12 Oct (3) → due 12 Oct."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sunshine.kernel.files.models import Attachment
    from sunshine.opendata.trading.tests.factories import works_project

    project = works_project(gov["market"], gov["editor"])
    bidder = CitizenFactory()
    client.force_login(bidder)
    data = {
        "complainant_name": "广州市某建筑工程有限公司", "credit_code": BIDDER_CODE,
        "contact": "020-83001234", "matters": "资格审查不公。", "facts": "业绩被错误认定。",
        "request_text": "请求重新评审。", "challenge": "9月21日提出异议，9月24日答复。",
    }  # fmt: skip
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        response = client.post(reverse("portal:trading_complaint", args=[project.pk]), data, follow=True)  # fmt: skip
    html = response.content.decode()
    assert "3个工作日内（2026-10-08前）审查是否受理" in html and "5个工作日" not in html
    assert "30个工作日内作出处理决定" in html
    complaint = Complaint.objects.get()
    page_url = reverse("portal:trading_my_complaint", args=[complaint.pk])
    assert "提交补正" not in client.get(page_url).content.decode()  # nothing asked yet
    handler = staff_with(Role.REVIEWER, gov["market"])
    with frozen(dt.datetime(2026, 9, 29, 15, 0)):
        services.request_correction(actor=handler, complaint=complaint,
                                    items="补充异议答复复印件", due="2026-10-12")  # fmt: skip
    html = client.get(page_url).content.decode()
    assert "补充异议答复复印件" in html and "2026-10-12" in html
    assert "等待补正，计时暂停" in html and 'id="correction-form"' in html
    post_url = reverse("portal:trading_correction", args=[complaint.pk])
    with frozen(dt.datetime(2026, 10, 9, 10, 0)):
        refused = client.post(post_url, {"text": "", "file": SimpleUploadedFile("答复.txt", "异议答复".encode())})  # fmt: skip
        body = refused.content.decode()
        assert (
            refused.status_code == 400 and "此项必填" in body and "文件未保存，请重新选择" in body
        )
        refused = client.post(post_url, {"text": "<b>已补充</b>见附件"})
        body = refused.content.decode()
        assert (
            refused.status_code == 400
            and "网页代码" in body
            and "&lt;b&gt;已补充&lt;/b&gt;见附件" in body
        )
        bad_file = SimpleUploadedFile("x.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00")
        refused = client.post(post_url, {"text": "异议答复见附件。", "file": bad_file})
        assert refused.status_code == 400 and "异议答复见附件。" in refused.content.decode()
        assert not Attachment.objects.exists()
        done = client.post(post_url, {"text": "异议答复见附件。", "file": SimpleUploadedFile("答复.txt", "异议答复：不成立。".encode())})  # fmt: skip
    assert done.status_code == 302
    html = client.get(page_url).content.decode()
    assert "异议答复见附件。" in html and 'id="correction-form"' not in html
    assert re.search(r'id="review-due">3个工作日，至 <time datetime="2026-10-12"', html)
    attachment = Attachment.objects.get()
    file_url = reverse("portal:trading_my_file", args=[complaint.pk, attachment.pk])
    assert file_url in html
    download = client.get(file_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == "异议答复：不成立。".encode()  # fmt: skip
    client.force_login(CitizenFactory())
    assert client.get(file_url).status_code == 404
    assert client.post(post_url, {"text": "x"}).status_code == 404
