"""The 政策文件 list and detail pages: only public records, all the metadata, the §10 tags,
a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from sunshine.disclosure.records import services
from sunshine.testing.factories.records import make_people, one_of_each, record_in, revise

from ..panels import PanelItem, register_detail_panel, unregister_detail_panel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
LIST = "/zcwj/"


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return found.group(1) if found else None


def detail_url(record) -> str:
    return reverse("portal:records_detail", args=[record.pk])


def test_the_list_shows_public_records_only(client, people):
    records = one_of_each(people)
    html = client.get(LIST).content.decode()
    assert "公开的政策文件" in html
    for key, record in records.items():
        if key != "public":
            assert record.title not in html, key
    assert "共 1 件" in html
    assert meta(html, "ColumnName") == "政策文件"


def test_every_non_public_record_is_a_404(client, people):
    records = one_of_each(people)
    assert client.get(detail_url(records["public"])).status_code == 200
    for key, record in records.items():
        if key != "public":
            assert client.get(detail_url(record)).status_code == 404, key
    assert client.get("/zcwj/999999/").status_code == 404


def test_the_list_filters(client, people, province):
    record_in("published", people, title="交通规划通知", topic="industry", normative=True)
    b = record_in("published", people, title="财政预算意见", topic="finance", kind="opinion")
    services.repeal(record=b, actor=people["approver"], comment="已被新文件替代")
    record_in("published", make_people(province["transport"]), title="交通厅的文件")
    everything = {"交通规划通知", "财政预算意见", "交通厅的文件"}

    def titles(query):
        html = client.get(LIST + query).content.decode()
        return {t for t in everything if t in html}

    assert titles("") == everything
    assert titles("?topic=industry") == {"交通规划通知"}
    assert titles("?kind=opinion") == {"财政预算意见"}
    assert titles("?validity=repealed") == {"财政预算意见"}
    assert titles("?normative=1") == {"交通规划通知"}
    assert titles(f"?agency={province['transport'].pk}") == {"交通厅的文件"}
    assert titles(f"?agency={province['office'].pk}&normative=0") == {"财政预算意见"}
    assert titles("?year=2026&topic=finance") == {"财政预算意见"}
    # Values that are not choices are ignored rather than an error page.
    assert titles("?year=1999&topic=nonsense&page=abc") == everything
    html = client.get(LIST).content.decode()
    assert 'value="2026"' in html and "广东省交通运输厅" in html  # year and agency choices


def test_pagination_keeps_the_filters(client, people):
    for n in range(23):
        record_in("published", people, title=f"第{n}号文件", topic="science")
    html = client.get(LIST + "?topic=science").content.decode()
    assert "第 1 / 2 页" in html and "topic=science&amp;page=2" in html
    page2 = client.get(LIST + "?topic=science&page=2").content.decode()
    assert page2.count("<tr>") == 1 + 3  # header + the last three


def test_the_list_costs_the_same_queries_for_more_rows(
    client, people, django_assert_max_num_queries
):
    record_in("published", people, title="第一份")

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST + "?topic=general").status_code == 200
        return len(ctx)

    count()  # the first request also looks the site up (cached afterwards)
    few = count()
    for n in range(6):
        record_in("published", people, title=f"文件{n}", normative=n % 2 == 0)
    assert count() == few
    with django_assert_max_num_queries(10):
        client.get(LIST + "?topic=general&normative=1&year=2026")


def test_the_detail_page_has_all_the_metadata_and_the_site_tags(client, people):
    record = record_in(
        "published",
        people,
        title="广东省人民政府办公厅关于推进阳光政务建设工作的通知",
        doc_number="粤府办[2016]1号",
        keywords="阳光政务 公开",
        recipients="各地级以上市人民政府",
        body="第一段正文。\n\n第二段正文。",
    )
    html = client.get(detail_url(record)).content.decode()
    for text in [
        record.index_number,
        "综合政务",
        "广东省人民政府办公厅",
        "2026-09-30",
        "粤府办〔2016〕1号",  # normalised when drafted
        "主动公开",
        "有效",
        "通知",
        "各地级以上市人民政府：",
        "<p>第二段正文。</p>",
    ]:
        assert text in html, text
    assert meta(html, "ArticleTitle") == record.title
    assert meta(html, "PubDate") == f"{record.date_published:%Y-%m-%d}"
    assert meta(html, "ContentSource") == "广东省人民政府办公厅"
    assert meta(html, "Keywords") == "阳光政务 公开"
    assert meta(html, "Description").startswith("第一段正文。")
    assert meta(html, "ColumnName") == "政策文件"
    assert meta(html, "ColumnType") == "政策文件"
    assert meta(html, "Url") == f"http://testserver/zcwj/{record.pk}/"


def test_repealed_records_show_their_validity_with_the_date(client, people):
    import datetime as dt

    record = record_in("published", people)
    services.repeal(
        record=record, actor=people["approver"], comment="被替代", on=dt.date(2026, 11, 2)
    )
    html = client.get(detail_url(record)).content.decode()
    assert "废止（2026-11-02起）" in html


def test_related_records_only_when_public(client, people):
    public = record_in("published", people, title="公开的相关文件")
    hidden = one_of_each(people)["draft"]
    record = record_in("published", people, title="主文件", related=[public, hidden])
    html = client.get(detail_url(record)).content.decode()
    assert "相关文件" in html and "公开的相关文件" in html
    assert hidden.title not in html


def test_revision_history_for_normative_records_only(client, people):
    normative = record_in("published", people, title="规范性文件", normative=True)
    revise(normative, people, body="修订后的正文", change_note="调整第三条")
    plain = record_in("published", people, title="普通文件")
    revise(plain, people, body="修订后的正文", change_note="更正错字")
    html = client.get(detail_url(normative)).content.decode()
    assert "修订记录" in html and "调整第三条" in html and "第 2 版" in html
    assert "修订后的正文" in html
    assert "修订记录" not in client.get(detail_url(plain)).content.decode()


def test_detail_panels_from_other_features(client, people):
    record = record_in("published", people)

    def interpretations(r):
        return "相关解读", [PanelItem(title=f"《{r.title}》解读", url="/zcjd/1/", label="文字")]

    def nothing(r):
        return "空面板", []

    def broken(r):
        raise RuntimeError("bug in another feature")

    register_detail_panel(interpretations, key="test-interp", order=1)
    register_detail_panel(nothing, key="test-empty")
    register_detail_panel(broken, key="test-broken")
    try:
        html = client.get(detail_url(record)).content.decode()
    finally:
        for key in ("test-interp", "test-empty", "test-broken"):
            unregister_detail_panel(key)
    assert "相关解读" in html and f"《{record.title}》解读" in html and 'href="/zcjd/1/"' in html
    assert "空面板" not in html


def test_the_detail_page_query_count(client, people, django_assert_max_num_queries):
    record = record_in(
        "published", people, normative=True, related=[record_in("published", people, title="相关")]
    )
    revise(record, people, body="新正文", change_note="修订")
    # 10, and one for the 相关解读 panel (portal/interpretations/providers.py).
    with django_assert_max_num_queries(11):
        assert client.get(detail_url(record)).status_code == 200


def test_the_home_page_column_lists_public_records(client, people):
    records = one_of_each(people)
    html = client.get("/").content.decode()
    assert "公开的政策文件" in html and detail_url(records["public"]) in html
    assert "草稿文件" not in html and "不予公开文件" not in html
