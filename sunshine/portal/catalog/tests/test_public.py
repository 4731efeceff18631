"""The public catalog: /gkml/ and /gkml/<agency>/ (every column, grouped by 一级事项, §10 meta
tags, only public records), the XLSX download, the 政务公开 column, the sitemap and the API."""

import io
import re

import pytest
from openpyxl import load_workbook

from sunshine.disclosure.catalog import services
from sunshine.disclosure.catalog.xlsx import HEADER
from sunshine.disclosure.records import services as record_services
from sunshine.portal.columns import column_items
from sunshine.testing.factories.catalog import ITEM, catalog, item, published_record
from sunshine.testing.factories.records import draft, record_in

pytestmark = pytest.mark.django_db
CATALOG_API = "/api/v1/catalog"


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    return found.group(1) if found else None


def linked(catalog_people, entry, record):
    services.link_record(item=entry, record=record, actor=catalog_people["officer"])
    return record


def test_list_shows_agencies_with_items(client, catalog_people):
    item(catalog_people)
    catalog(catalog_people, agency=catalog_people["other_agency"])  # no items yet: not listed
    html = client.get("/gkml/").content.decode()
    assert catalog_people["agency"].name in html and catalog_people["other_agency"].name not in html
    assert f'href="/gkml/{catalog_people["agency"].pk}/"' in html
    assert meta(html, "ColumnName") == "主动公开基本目录"
    assert client.get(f"/gkml/{catalog_people['other_agency'].pk}/").status_code == 404
    assert client.get("/gkml/999999/").status_code == 404


def test_detail_has_every_column_grouped_and_only_public_records(client, catalog_people):
    first = item(catalog_people)
    item(catalog_people, number="2", subcategory="招标投标", content="招标公告", time_limit="实时")
    item(
        catalog_people, number="3", category="财政预决算", subcategory="部门预算", content="预算表"
    )
    hidden = item(catalog_people, number="4", content="已停用的事项")
    services.update_item(item=hidden, actor=catalog_people["officer"], active=False)
    public = linked(
        catalog_people, first, published_record(catalog_people, title="重大项目批准结果公告")
    )
    linked(catalog_people, first, draft(catalog_people, title="尚未发布的草稿"))
    withdrawn = linked(
        catalog_people, first, published_record(catalog_people, title="已撤回的公告")
    )
    record_services.withdraw(record=withdrawn, actor=catalog_people["approver"], comment="有误")
    on_request = record_in(
        "signed_off",
        catalog_people,
        title="依申请公开的文件",
        disclosure_mode="on_request",
        withheld_reason="涉及第三方",
        withheld_ground="trade_secret",
    )
    linked(catalog_people, first, on_request)

    html = client.get(f"/gkml/{catalog_people['agency'].pk}/").content.decode()
    for header in HEADER:
        assert f">{header}</th>" in html
    assert html.count('scope="rowgroup"') == 2  # 重大建设项目, 财政预决算
    # two items, and a row of published records under the first
    assert 'rowspan="3" class="catalog-category">重大建设项目<' in html
    for value in (ITEM["basis"], ITEM["time_limit"], "政府网站、政府公报", "市级、县级", "全社会"):
        assert value in html
    assert f'href="/zcwj/{public.pk}/"' in html and public.title in html
    for title in ("尚未发布的草稿", "已撤回的公告", "依申请公开的文件", "已停用的事项"):
        assert title not in html
    assert meta(html, "ArticleTitle") == "广东省人民政府办公厅主动公开基本目录"
    assert meta(html, "ColumnType") == "政务公开"
    assert meta(html, "ContentSource") == catalog_people["agency"].name
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", meta(html, "PubDate"))
    assert "重大建设项目" in meta(html, "Keywords")


@pytest.mark.parametrize("rows", [1, 10])
def test_query_counts_do_not_grow(client, catalog_people, rows, django_assert_max_num_queries):
    cat = catalog(catalog_people)
    for n in range(rows):
        entry = item(catalog_people, cat=cat, category=f"类别{n % 3}", content=f"内容{n}")
        linked(catalog_people, entry, published_record(catalog_people, title=f"公告{n}"))
    for url in ("/gkml/", f"/gkml/{catalog_people['agency'].pk}/", "/api/v1/catalog"):
        client.get(url)
    for url in ("/gkml/", f"/gkml/{catalog_people['agency'].pk}/"):
        # 4, + 2 for the links other features add to the agency page (公共资源交易's count)
        with django_assert_max_num_queries(6):
            response = client.get(url + "?nocache=1")  # a query string bypasses the page cache
        assert response.status_code == 200


def test_download_in_the_standard_layout(client, catalog_people):
    item(catalog_people)
    item(catalog_people, content='=HYPERLINK("x") 第二项', active=False)
    item(catalog_people, content="第三项 <要素> & 依据")
    response = client.get(f"/gkml/{catalog_people['agency'].pk}/catalog.xlsx")
    assert response.streaming  # sent as it is written, never held whole (issue 12.3)
    assert response["Content-Disposition"].startswith("attachment;")
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and rows[1][3] == ITEM["content"]
    assert [r[3] for r in rows[1:]] == [ITEM["content"], "第三项 <要素> & 依据"]  # active only
    assert sheet.title == "主动公开基本目录" and sheet.freeze_panes == "A2"


def test_download_over_the_limit_is_refused_with_a_clear_page(client, catalog_people, settings):
    item(catalog_people)
    item(catalog_people, content="第二项")
    settings.CATALOG_DOWNLOAD_MAX_ROWS = 1
    response = client.get(f"/gkml/{catalog_people['agency'].pk}/catalog.xlsx")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert "该目录共 2 个事项，超过单次下载上限 1 个" in response.content.decode()
    settings.CATALOG_DOWNLOAD_MAX_ROWS = 2
    response = client.get(f"/gkml/{catalog_people['agency'].pk}/catalog.xlsx")
    assert response.status_code == 200 and response.streaming


def test_zwgk_column_and_sitemap(client, catalog_people, rf):
    item(catalog_people)
    entries = column_items(rf.get("/"), "zwgk", 8)
    assert any(e.title == "主动公开基本目录" and e.url == "/gkml/" for e in entries)
    assert any(
        e.title == "广东省人民政府办公厅主动公开基本目录"
        and e.url == f"/gkml/{catalog_people['agency'].pk}/"
        for e in entries
    )
    assert "广东省人民政府办公厅主动公开基本目录" in client.get("/column/zwgk/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/gkml/{catalog_people['agency'].pk}/</loc>" in sitemap and "/gkml/</loc>" in sitemap


def test_api(client, catalog_people):
    first = item(catalog_people, channels=["website", "push"])
    public = linked(catalog_people, first, published_record(catalog_people))
    linked(catalog_people, first, draft(catalog_people, title="草稿"))
    listing = client.get(CATALOG_API).json()
    assert [c["agency_id"] for c in listing] == [catalog_people["agency"].pk]
    assert (
        listing[0]["item_count"] == 1
        and listing[0]["url"] == f"/gkml/{catalog_people['agency'].pk}/"
    )
    data = client.get(f"{CATALOG_API}/{catalog_people['agency'].pk}").json()
    (entry,) = data["items"]
    assert entry["records"] == [public.pk]
    assert entry["channels"] == [
        {"code": "website", "label": "政府网站"},
        {"code": "push", "label": "精准推送"},
    ]
    assert entry["levels"][0] == {"code": "city", "label": "市级"}
    assert entry["time_limit_rule"]["kind"] == "event"
    assert entry["time_limit_rule"]["length"] == 20
    assert entry["audience"]["label"] == "全社会" and entry["mode"]["code"] == "proactive"
    missing = client.get(f"{CATALOG_API}/{catalog_people['other_agency'].pk}")
    assert missing.status_code == 404 and "尚未公布" in missing.json()["detail"]
