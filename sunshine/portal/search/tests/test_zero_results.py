"""What people type, on the portal search page: abbreviations find the full names, partial
文号, a staff-added synonym at once, and the "没有找到？试试…" page (did you mean, 热门搜索, the
message form) — over the Django client, and at 360 px in Chromium."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sunshine.disclosure.records import indexing
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.search import services
from sunshine.kernel.search.models import SearchQueryCount
from sunshine.testing.factories import staff_with

from .conftest import publish

URL = "/search/"


def hit_urls(html: str) -> list[str]:
    return re.findall(r'<h2 class="search-hit-title"><a href="([^"]+)"', html)


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def guides(province):
    office = province["office"]
    records = [
        publish(office, "广东省人民政府办公厅关于调整社会保险缴费基数的通知",
                doc_number="粤办函〔2016〕629号"),
        publish(office, "广州市网络预约出租汽车经营服务管理暂行办法", doc_number="粤办函〔2016〕1629号"),
        publish(office, "住房公积金提取业务指南"),
    ]  # fmt: skip
    indexing.index_records()
    return records


@pytest.mark.django_db
def test_abbreviations_and_partial_doc_numbers_on_the_page(client, guides):
    assert hit_urls(page(client, q="社保")) == [f"/zcwj/{guides[0].pk}/"]
    html = page(client, q="网约车")
    assert hit_urls(html) == [f"/zcwj/{guides[1].pk}/"] and "<mark>网络预约出租汽车</mark>" in html
    for q in ["629号", "粤办函[2016]629", "粤办函（２０１６）６２９号"]:
        html = page(client, q=q)
        assert hit_urls(html) == [f"/zcwj/{guides[0].pk}/"], q
        assert "文号/索引号匹配" in html
    assert len(hit_urls(page(client, q="粤办函〔2016〕"))) == 2


@pytest.mark.django_db
def test_staff_synonym_works_on_the_next_search(client, guides, province,
                                                django_capture_on_commit_callbacks):  # fmt: skip
    assert "没有找到与“养老待遇”" in page(client, q="养老待遇")
    admin = staff_with(Role.SYSADMIN, province["root"])
    with django_capture_on_commit_callbacks(execute=True):
        services.add_synonym_group(words="社会保险 养老待遇", actor=admin)
    assert hit_urls(page(client, q="养老待遇")) == [f"/zcwj/{guides[0].pk}/"]


@pytest.mark.django_db
def test_zero_result_page_suggests_popular_searches_and_the_message_form(client, guides):
    for _ in range(2):
        page(client, q="社保")
        page(client, q="网约车")
    page(client, q="公积金", page=2)  # paging is not counted
    row = SearchQueryCount.objects.get(query="社保")
    assert (row.searches, row.found) == (2, 2)
    assert not SearchQueryCount.objects.filter(query="公积金").exists()

    html = page(client, q="住房公基金")
    assert "没有找到？试试…" in html and "没有找到与“住房公基金”相关的公开信息" in html
    assert "您是不是要找：" in html and "?q=%E4%BD%8F%E6%88%BF%E5%85%AC%E7%A7%AF%E9%87%91" in html
    assert "热门搜索" in html and ">社保</a>" in html and ">网约车</a>" in html
    assert f'href="{reverse("portal:messages_write")}"' in html
    assert 'value="住房公基金"' in html  # the typed query stays in the box
    assert SearchQueryCount.objects.get(query="住房公基金").found == 0
    # A search that found something shows none of it.
    html = page(client, q="社保")
    assert "没有找到？试试…" not in html and "热门搜索" not in html


@pytest.mark.browser
def test_zero_result_page_at_360px(page, axe, shot, guides):
    from sunshine.kernel.search.services import record_query

    for q in ["社保", "社保", "公积金", "公积金"]:
        record_query(q, found=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base + URL)
    box = page.get_by_label("关键词、文号或索引号")
    box.fill("住房公基金 火星")
    box.press("Enter")
    expect(page.get_by_role("heading", name="没有找到？试试…")).to_be_visible()
    expect(page.get_by_label("关键词、文号或索引号")).to_have_value("住房公基金 火星")
    expect(page.get_by_role("link", name="住房公积金 火星")).to_have_count(0)  # finds nothing
    popular = page.locator(".search-popular")
    expect(popular.get_by_role("link", name="社保")).to_be_visible()
    expect(page.get_by_role("link", name="给我们留言")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "search-zero-results-360")
    page.get_by_role("link", name="住房公积金", exact=True).click()
    expect(page.get_by_label("关键词、文号或索引号")).to_have_value("住房公积金")
    expect(page.locator(".search-hit")).to_have_count(1)
