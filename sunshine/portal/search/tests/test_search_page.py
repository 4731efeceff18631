"""The portal search page /search/: hint, highlighted hits, 文号 / 索引号, filters as facet
links, sorting, pagination, "did you mean", §10 meta tags, query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from sunshine.disclosure.records import indexing
from sunshine.kernel.search import suggest

from .conftest import publish

pytestmark = pytest.mark.django_db
URL = "/search/"
D = dt.date


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    return found.group(1) if found else None


def hit_urls(html: str) -> list[str]:
    return re.findall(r'<h2 class="search-hit-title"><a href="([^"]+)"', html)


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_url_name_and_empty_query_gives_a_hint(client, docs):
    assert reverse("portal:search") == URL
    html = page(client)
    assert "请输入要查找的内容" in html and "search-hit" not in html
    assert 'name="q"' in html and "粤府办〔2016〕" in html
    assert meta(html, "ColumnName") == "站内搜索" and meta(html, "ArticleTitle") == "站内搜索"


def test_words_find_highlighted_hits_seed_first(client, docs):
    html = page(client, q="阳光政务")
    assert hit_urls(html)[0] == f"/zcwj/{docs[0].pk}/"
    assert "<mark>阳光政务</mark>" in html
    assert '<p class="search-hit-snippet">' in html and "经验推介" in html
    assert "粤府办〔2016〕1号" in html and docs[0].index_number in html
    assert meta(html, "ArticleTitle") == "搜索：阳光政务" and meta(html, "Keywords") == "阳光政务"
    assert meta(html, "SiteName") and meta(html, "ColumnType") == "搜索"
    assert "共找到 1 条结果" in html


def test_doc_number_exact_prefix_and_index_number(client, docs):
    html = page(client, q="粤府办[2016]2号")
    assert hit_urls(html) == [f"/zcwj/{docs[1].pk}/"] and "文号/索引号匹配" in html
    html = page(client, q="粤府办（2016）")
    assert set(hit_urls(html)) == {f"/zcwj/{docs[0].pk}/", f"/zcwj/{docs[1].pk}/"}
    assert hit_urls(page(client, q=docs[3].index_number)) == [f"/zcwj/{docs[3].pk}/"]


def test_filters_are_facet_links(client, docs, province):
    html = page(client, q="广东省")
    assert len(hit_urls(html)) == 4
    office = province["office"].pk
    assert f"?q=%E5%B9%BF%E4%B8%9C%E7%9C%81&amp;agency={office}" in html  # the facet link
    assert "广东省人民政府办公厅" in html and "国民经济管理、国有资产监管" in html
    html = page(client, q="广东省", agency=office)
    assert len(hit_urls(html)) == 3 and "公开主体：广东省人民政府办公厅" in html
    assert len(hit_urls(page(client, q="广东省", agency=office, year=2016))) == 2
    assert hit_urls(page(client, q="广东省", topic="economy")) == [f"/zcwj/{docs[2].pk}/"]
    assert hit_urls(page(client, q="广东省", kind="opinion")) == [f"/zcwj/{docs[2].pk}/"]
    assert len(hit_urls(page(client, q="", within=province["root"].pk))) == 4
    html = page(client, q="广东省", validity="repealed")
    assert hit_urls(html) == [] and "取消部分筛选条件" in html
    # Values that are not allowed are ignored, not an error.
    html = page(client, q="广东省", year="abc", topic="<x>", page="-3", agency="x", sort="?")
    assert len(hit_urls(html)) == 4


def test_sort_by_date(client, docs):
    html = page(client, q="广东省", sort="date")
    assert hit_urls(html) == [f"/zcwj/{r.pk}/" for r in (docs[2], docs[0], docs[3], docs[1])]
    assert '<span aria-current="true">按日期</span>' in html


def test_pagination(client, province):
    for n in range(23):
        publish(province["office"], f"关于第{n + 1}批政务公开事项的通知", written=D(2016, 1, 4 + n))
    indexing.index_records()
    first = page(client, q="政务公开")
    assert len(hit_urls(first)) == 20 and "共找到 23 条结果，当前显示第 1–20 条" in first
    assert "page=2" in first and 'rel="next"' in first
    second = page(client, q="政务公开", page=2)
    assert len(hit_urls(second)) == 3 and 'rel="prev"' in second
    assert not set(hit_urls(first)) & set(hit_urls(second))
    assert "这一页没有结果了" in page(client, q="政务公开", page=9)


def test_no_results_and_did_you_mean(client, docs):
    html = page(client, q="阳光政务 火星")
    assert "没有找到与“阳光政务 火星”相关的公开信息" in html
    assert "您是不是要找：" in html and "?q=%E9%98%B3%E5%85%89%E6%94%BF%E5%8A%A1" in html
    html = page(client, q="火星")
    assert "没有找到" in html and "您是不是要找" not in html


def test_query_is_escaped(client, docs):
    html = page(client, q='<script>alert("x")</script>')
    assert "<script>alert" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("rows", [1, 15])
def test_query_count_does_not_grow(client, province, rows, django_assert_max_num_queries):
    for n in range(rows):
        publish(province["office"], f"广东省人民政府办公厅关于第{n + 1}项工作的通知")
    indexing.index_records()
    indexing.ensure_segment_terms(force=True)
    with django_assert_max_num_queries(10):
        html = page(client, q="广东省人民政府办公厅", agency=province["office"].pk)
    assert len(hit_urls(html)) == rows
    # Nothing found (no record has a 文号 here): the "did you mean" checks (at most
    # suggest.MAX_CHECKS bounded counts) and the popular searches come on top.
    with django_assert_max_num_queries(10 + suggest.MAX_CHECKS + 1):
        page(client, q="粤府办〔2016〕", within=province["root"].pk)
