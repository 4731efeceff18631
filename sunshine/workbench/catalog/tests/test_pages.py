"""The staff pages of the catalog: scoping, the item form with multi-select channels and
levels, linking records, XLSX upload and download, the review page, the dashboard queue."""

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from sunshine.disclosure.catalog import review, services
from sunshine.disclosure.catalog.models import Catalog, CatalogItem, ItemReview
from sunshine.disclosure.catalog.stale import check_all_catalogs
from sunshine.disclosure.catalog.xlsx import HEADER
from sunshine.kernel import clock
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.catalog import (
    ITEM,
    catalog,
    item,
    published_record,
    xlsx_upload,
)
from sunshine.testing.factories.records import draft

pytestmark = pytest.mark.django_db
WB = "/workbench/catalog/"


def test_only_staff_who_may_see_catalogs(client, catalog_people):
    assert client.get(WB).status_code == 302
    client.force_login(CitizenFactory())
    assert client.get(WB).status_code == 403


def test_an_officer_lands_on_the_own_catalog_and_cannot_open_others(client, catalog_people):
    entry = item(catalog_people)
    theirs = item(
        catalog_people, cat=catalog(catalog_people, agency=catalog_people["other_agency"])
    )
    client.force_login(catalog_people["officer"])
    response = client.get(WB)
    assert response.status_code == 302 and response.url == f"{WB}{catalog_people['agency'].pk}/"
    html = client.get(response.url).content.decode()
    assert ITEM["subcategory"] in html and "新增事项" in html
    assert client.get(f"{WB}{catalog_people['other_agency'].pk}/").status_code == 404
    assert client.get(f"{WB}item/{theirs.pk}/").status_code == 404
    assert client.post(f"{WB}item/{theirs.pk}/delete/").status_code == 404
    assert client.get(f"{WB}item/{entry.pk}/").status_code == 200
    menu = client.get("/workbench/").content.decode()
    assert f'href="{WB}"' in menu


def test_a_drafter_sees_the_catalog_but_may_not_edit(client, catalog_people):
    entry = item(catalog_people)
    client.force_login(catalog_people["drafter"])
    html = client.get(f"{WB}{catalog_people['agency'].pk}/").content.decode()
    assert ITEM["subcategory"] in html and "新增事项" not in html
    assert client.get(f"{WB}item/{entry.pk}/edit/").status_code == 403
    assert client.get(f"{WB}{catalog_people['agency'].pk}/new/").status_code == 403
    client.post(f"{WB}item/{entry.pk}/delete/")
    assert CatalogItem.objects.filter(pk=entry.pk).exists()


def test_supervisor_sees_every_catalog(client, catalog_people):
    item(catalog_people)
    item(
        catalog_people,
        cat=catalog(catalog_people, agency=catalog_people["other_agency"]),
        content="交通的内容",
    )
    client.force_login(catalog_people["supervisor"])
    html = client.get(WB).content.decode()
    assert catalog_people["agency"].name in html and catalog_people["other_agency"].name in html
    assert "尚未建立目录" in html


def test_create_an_item_with_checkboxes(client, catalog_people):
    client.force_login(catalog_people["officer"])
    url = f"{WB}{catalog_people['agency'].pk}/new/"
    html = client.get(url).content.decode()
    assert 'type="checkbox" name="channels" value="notice_board"' in html
    assert 'type="checkbox" name="levels" value="township"' in html
    response = client.post(
        url,
        {
            "number": "7",
            "category": "社会救助",
            "subcategory": "最低生活保障",
            "content": "保障对象、保障标准",
            "time_limit": "每季度结束后15日内",
            "channels": ["website", "notice_board"],
            "audience": "specific",
            "mode": "proactive",
            "levels": ["county", "township"],
        },
    )
    created = CatalogItem.objects.get()
    assert response.status_code == 302 and response.url == f"{WB}item/{created.pk}/"
    assert created.channels == ["website", "notice_board"]
    assert created.levels == ["county", "township"] and created.limit_kind == "quarterly"
    assert Catalog.objects.get().agency == catalog_people["agency"]  # made on the first item
    html = client.get(response.url).content.decode()
    assert "每季度结束后15日内" in html and "社区/企事业单位/村公示栏" in html


def test_the_services_messages_show_on_the_form(client, catalog_people):
    client.force_login(catalog_people["officer"])
    response = client.post(
        f"{WB}{catalog_people['agency'].pk}/new/",
        {"category": "社会救助", "content": "名单", "audience": "public", "mode": "proactive"},
    )
    assert response.status_code == 200
    assert "请至少选择一个公开渠道和载体。" in response.content.decode()
    assert not CatalogItem.objects.exists()


def test_edit_and_deactivate(client, catalog_people):
    entry = item(catalog_people)
    client.force_login(catalog_people["officer"])
    url = f"{WB}item/{entry.pk}/edit/"
    html = client.get(url).content.decode()
    assert re.search(r'name="channels" value="gazette"[^>]*checked', html)
    assert not re.search(r'name="channels" value="print"[^>]*checked', html)
    data = {**ITEM, "channels": ["website"], "levels": [], "content": "新的内容"}
    response = client.post(url, data)  # "active" unticked: deactivated
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.content == "新的内容" and entry.channels == ["website"] and not entry.active


def test_link_search_and_unlink(client, catalog_people):
    entry = item(catalog_people)
    record = published_record(catalog_people, title="关于重大建设项目批准结果的公告")
    draft(
        catalog_people,
        agency=catalog_people["other_agency"],
        actor=catalog_people["other_drafter"],
        title="重大建设",
    )
    client.force_login(catalog_people["officer"])
    html = client.get(f"{WB}item/{entry.pk}/?q=重大建设").content.decode()
    assert record.title in html and html.count('name="record"') == 1
    response = client.post(f"{WB}item/{entry.pk}/link/", {"record": record.pk})
    assert response.status_code == 302
    html = client.get(f"{WB}item/{entry.pk}/").content.decode()
    assert f"/zcwj/{record.pk}/" in html and "取消关联" in html
    client.post(f"{WB}item/{entry.pk}/unlink/{record.pk}/")
    assert not entry.links.exists()


def test_upload_with_bad_rows_shows_them_and_saves_nothing(client, catalog_people):
    client.force_login(catalog_people["officer"])
    url = f"{WB}{catalog_people['agency'].pk}/import/"
    bad = [
        HEADER,
        [1, "", "", "内容", "", "", "", "政府网站"],
        [2, "就业", "", "岗位", "", "", "", "飞鸽"],
    ]
    response = client.post(url, {"file": xlsx_upload(bad)})
    html = response.content.decode()
    assert response.status_code == 200 and "未导入任何内容" in html
    assert '<td class="num">2</td><td>一级事项</td>' in html
    assert '<td class="num">3</td><td>公开渠道和载体</td>' in html and "飞鸽" in html
    assert not CatalogItem.objects.exists()
    good = [HEADER, [1, "就业", "招聘", "岗位信息", "", "实时", "", "政府网站、精准推送"]]
    response = client.post(url, {"file": xlsx_upload(good)})
    assert response.status_code == 302
    assert "新增 1 项" in client.get(response.url).content.decode()


def test_download(client, catalog_people):
    item(catalog_people)
    client.force_login(catalog_people["drafter"])
    response = client.get(f"{WB}{catalog_people['agency'].pk}/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and rows[1][1] == ITEM["category"]


def test_review_page(client, catalog_people):
    first = item(catalog_people)
    second = item(catalog_people, content="第二项")
    client.force_login(catalog_people["officer"])
    url = f"{WB}{catalog_people['agency'].pk}/review/"
    assert "现在发起审核" in client.get(url).content.decode()
    client.post(f"{url}open/")
    html = client.get(url).content.decode()
    assert "已审核 0 / 2 项" in html and "disabled" in html
    client.post(f"{WB}item/{first.pk}/confirm/")
    edit = client.post(
        f"{WB}item/{second.pk}/edit/?next=review",
        {**ITEM, "content": "第二项（修改）", "active": "on"},
    )
    assert edit.status_code == 302 and edit.url == url
    html = client.get(url).content.decode()
    assert "已审核 2 / 2 项" in html and "确认无变化" in html and "已修改" in html
    client.post(f"{url}complete/")
    assert ItemReview.objects.count() == 2
    assert "当前没有进行中的审核" in client.get(url).content.decode()


def test_dashboard_queue_shows_stale_items_and_reviews(client, catalog_people):
    with clock.frozen(dt.date(2026, 9, 30)):
        entry = item(catalog_people)
    with clock.frozen(dt.date(2026, 11, 4)):
        check_all_catalogs()
    review.open_review(catalog=entry.catalog, actor=catalog_people["officer"])
    client.force_login(catalog_people["officer"])
    html = client.get("/workbench/").content.decode()
    assert "目录过期未公开" in html and f"{WB}item/{entry.pk}/" in html
    assert "目录审核" in html and f"{WB}{catalog_people['agency'].pk}/review/" in html
    client.force_login(catalog_people["drafter"])
    assert "目录过期未公开" not in client.get("/workbench/").content.decode()


def test_many_stale_items_make_one_queue_entry(client, catalog_people):
    with clock.frozen(dt.date(2026, 9, 30)):
        entries = [item(catalog_people, content=f"内容{n}") for n in range(4)]
    with clock.frozen(dt.date(2026, 11, 4)):
        check_all_catalogs()
    client.force_login(catalog_people["officer"])
    html = client.get("/workbench/").content.decode()
    assert "4 个目录事项过期未公开" in html
    assert f"{WB}{catalog_people['agency'].pk}/?stale=1" in html
    assert f"{WB}item/{entries[0].pk}/" not in html


@pytest.mark.parametrize("rows", [1, 12])
def test_query_counts(client, catalog_people, rows, django_assert_max_num_queries):
    cat = catalog(catalog_people)
    for n in range(rows):
        entry = item(catalog_people, cat=cat, content=f"内容{n}")
        if n % 3 == 0:
            record = draft(catalog_people, title=f"公告{n}")
            services.link_record(item=entry, record=record, actor=catalog_people["officer"])
    review.open_review(catalog=cat, actor=catalog_people["officer"])
    client.force_login(catalog_people["officer"])
    for url in (
        f"{WB}{catalog_people['agency'].pk}/",
        f"{WB}{catalog_people['agency'].pk}/review/",
        f"{WB}item/{entry.pk}/?q=公告",
    ):
        client.get(url)
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
