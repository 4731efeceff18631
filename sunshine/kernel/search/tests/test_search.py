import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunshine.kernel import clock
from sunshine.kernel.search.query import search

from .conftest import SEED_BODY, SEED_TITLE


def ids(results):
    return [hit.object_id for hit in results.hits]


def test_two_character_query(index):
    index(1, "广东省交通运输厅关于公路养护的通知")
    index(2, "关于加强教育工作的意见", "推进交通强省建设")
    index(3, "关于加强教育工作的意见")
    assert set(ids(search("交通"))) == {"1", "2"}
    assert ids(search("交通"))[0] == "1"  # in the title


def test_sunshine_government_finds_the_seed_notice_first(index):
    filler = "各地各部门要加强组织领导，明确责任分工，确保各项工作落到实处。" * 6
    index(1, "广东省政务公开工作要点", "阳光政务建设是政务公开的重要内容。" + filler)
    index(2, "深圳市阳光政务平台建设情况的报告", filler + "阳光政务平台已上线。" + filler)
    index(3, "广州市推进政务公开工作情况", "今年阳光明媚，我市政务服务工作取得进展。" + filler)
    index(4, SEED_TITLE, SEED_BODY, doc_number="粤办函〔2016〕727号")
    index(5, "关于做好政府信息公开工作的通知", "推进阳光政务。" * 5 + filler)
    index(6, "关于转发省农业厅阳光工程工作意见的通知", filler)
    index(7, "关于推进政务公开工作的通知", filler)
    results = search("阳光政务")
    assert ids(results)[:2] == ["4", "2"]  # both titles hold it; the seed says it more
    assert set(ids(results)[2:4]) == {"1", "5"}  # in the body only
    assert "6" not in ids(results) and "7" not in ids(results)
    assert ids(search("广东省人民政府办公厅 阳光政务"))[0] == "4"
    assert ids(search("推进阳光政务建设"))[0] == "4"


def test_doc_number_exact_and_prefix_with_bracket_variants(index):
    index(1, "第一号通知", doc_number="粤府办〔2016〕1号")
    index(2, "第十号通知", doc_number="粤府办[2016]10号")
    index(3, "二〇一七年通知", doc_number="粤府办〔2017〕1号")
    index(4, "省政府通知", doc_number="粤府〔2016〕1号", body="根据粤府办〔2016〕1号文件")
    index(5, "索引号文件", index_number="006939748/2016-00007")
    for q in ["粤府办〔2016〕1号", "粤府办[2016]1号", "粤府办(2016)1号", "粤府办（2016）1号",
              "粤府办【2016】01号", "粤府办［2016］1"]:  # fmt: skip
        results = search(q)
        assert ids(results) == ["1"], q
        assert results.hits[0].exact
    assert set(ids(search("粤府办〔2016〕"))) == {"1", "2"}
    assert set(ids(search("粤府办[2016]"))) == {"1", "2"}
    assert ids(search("粤府办〔2016〕 第十号")) == ["2"]
    assert ids(search("006939748/2016-00007")) == ["5"]
    assert ids(search("006939748/2016-7")) == ["5"]
    assert ids(search("006939748/2016")) == ["5"]
    # No such 文号: the words of the query are searched instead.
    assert not search("粤府办〔2099〕1号").hits or not search("粤府办〔2099〕1号").hits[0].exact


def test_filters(index, province):
    index(1, "交通通知一", agency=province["office"], year=2016, topic="交通", kind="通知",
          validity="valid", date=dt.date(2016, 3, 1))  # fmt: skip
    index(2, "交通通知二", agency=province["transport"], year=2017, topic="交通", kind="意见",
          validity="repealed", date=dt.date(2017, 5, 1))  # fmt: skip
    index(3, "交通通知三", agency=province["county"], year=2018, topic="城建", kind="通知",
          validity="valid", date=dt.date(2018, 7, 1))  # fmt: skip
    assert ids(search("交通", filters={"agency_id": province["transport"].pk})) == ["2"]
    assert ids(search("交通", filters={"year": 2018})) == ["3"]
    assert set(ids(search("交通", filters={"year": [2016, 2017]}))) == {"1", "2"}
    assert ids(search("交通", filters={"topic": "城建"})) == ["3"]
    assert set(ids(search("交通", filters={"kind": "通知"}))) == {"1", "3"}
    assert ids(search("交通", filters={"validity": "repealed"})) == ["2"]
    assert ids(search("交通", filters={"agency_subtree_path": province["city"].path})) == ["3"]
    subtree = search("", filters={"agency_subtree_path": province["root"].path})
    assert subtree.total == 3
    window = {"date_from": dt.date(2017, 1, 1), "date_to": "2017-12-31"}
    assert ids(search("交通", filters=window)) == ["2"]
    assert ids(search("", filters={"year": "", "topic": None, "kind": "意见"})) == ["2"]
    with pytest.raises(ValueError, match="未知的检索筛选条件"):
        search("交通", filters={"colour": "red"})
    with pytest.raises(ValueError, match="取值无效"):
        search("交通", filters={"year": "abc"})


def test_facets(index, province):
    index(
        1, "交通一", agency=province["office"], topic="交通", kind="通知", date=dt.date(2016, 1, 1)
    )
    index(
        2, "交通二", agency=province["office"], topic="交通", kind="意见", date=dt.date(2017, 1, 1)
    )
    index(3, "交通三", agency=province["transport"], topic="城建", kind="通知",
          date=dt.date(2017, 2, 1))  # fmt: skip
    index(4, "教育", agency=province["transport"], topic="教育", date=dt.date(2017, 2, 1))
    index(5, "交通四", is_public=False, topic="秘密", date=dt.date(2015, 1, 1))
    facets = search("交通").facets
    assert [(f.value, f.count) for f in facets["year"]] == [(2017, 2), (2016, 1)]
    assert [(f.label, f.count) for f in facets["agency"]] == [
        ("广东省人民政府办公厅", 2), ("广东省交通运输厅", 1),
    ]  # fmt: skip
    assert [(f.value, f.count) for f in facets["topic"]] == [("交通", 2), ("城建", 1)]
    assert [(f.value, f.count) for f in facets["kind"]] == [("通知", 2), ("意见", 1)]
    assert [(f.label, f.count) for f in facets["doc_type"]] == [("测试文档", 3)]
    assert search("交通", facets=False).facets == {}


def test_highlight_escapes_html(index):
    index(1, "<b>阳光政务</b>通知", "正文<script>alert('x')</script>阳光政务 & 政务公开")
    hit = search("阳光政务").hits[0]
    assert hit.title == "&lt;b&gt;<mark>阳光政务</mark>&lt;/b&gt;通知"
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in hit.snippet
    assert "<mark>阳光政务</mark> &amp; 政务公开" in hit.snippet


def test_snippet_shows_the_matching_passage(index):
    body = "前言。" * 100 + "这里讲营商环境的改革。" + "结语。" * 100
    index(1, "某通知", body)
    snippet = search("营商环境").hits[0].snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>营商环境</mark>" in snippet
    assert len(snippet) < 200


def test_pagination_and_sort_by_date(index):
    for n in range(1, 26):
        index(n, f"交通运输通知{n}", date=dt.date(2020, 1, n))
    page1 = search("交通", sort="date", per_page=10)
    assert page1.total == 25 and page1.num_pages == 3 and page1.has_next
    assert ids(page1) == [str(n) for n in range(25, 15, -1)]
    page3 = search("交通", sort="date", per_page=10, page=3)
    assert ids(page3) == [str(n) for n in range(5, 0, -1)] and not page3.has_next
    assert search("交通", page=9).hits == []
    with pytest.raises(ValueError):
        search("交通", sort="colour")


def test_a_search_is_three_statements_whatever_the_page_size(index):
    for n in range(1, 31):
        index(n, f"交通运输通知{n}", f"正文{n}")

    def statements(per_page):
        with CaptureQueriesContext(connection) as queries:
            assert len(search("交通", per_page=per_page).hits) == per_page
        # Not counted: PostgreSQL's planner settings (set_config) and estimate (EXPLAIN: no
        # rows read) around them, and the synonym groups' version (read once per
        # synonyms.VERSION_SECONDS, when the cache does not hold it).
        return [
            q["sql"]
            for q in queries
            if "search_" in q["sql"]
            and "set_config" not in q["sql"]
            and "EXPLAIN" not in q["sql"]
            and "search_synonymgroup" not in q["sql"]
        ]

    assert len(statements(30)) == 3  # count + facets, the page, the hits with their text
    assert len(statements(5)) == 3


def test_empty_query_lists_by_date(index):
    index(1, "旧通知", date=dt.date(2010, 1, 1))
    index(2, "新通知", date=dt.date(2020, 1, 1))
    index(3, "无日期", date=None)
    assert ids(search("   ")) == ["2", "1", "3"]
    assert search("").sort == "date"
    assert ids(search("", doc_types=["note"])) == []


def test_non_public_and_embargoed_documents_are_never_returned(index):
    index(1, "交通公开", date=dt.date(2020, 1, 1))
    index(2, "交通秘密文件", is_public=False)
    index(3, "交通定时发布", visible_from=dt.datetime(2030, 1, 1, 9, 0))
    with clock.frozen(dt.date(2029, 12, 31)):
        assert ids(search("交通")) == ["1"]
        assert search("秘密").total == 0
        assert search("").total == 1
    with clock.frozen(dt.datetime(2030, 1, 1, 9, 0)):
        assert set(ids(search("交通"))) == {"1", "3"}


def test_did_you_mean_drops_words_nothing_matches(index):
    index(1, "阳光政务建设")
    index(2, "火星探测", is_public=False)
    results = search("阳光政务 火星")
    assert results.total == 0 and results.suggestion == "阳光政务"  # not a hint of 火星
    assert search("火星").suggestion is None


def test_single_character_query_is_a_prefix(index):
    index(1, "省政府通知")
    assert ids(search("省")) == ["1"]


def test_broad_queries_rank_title_matches_then_go_by_date(index, monkeypatch):
    from sunshine.kernel.search import query

    monkeypatch.setattr(query, "RANK_LIMIT", 3)
    index(1, "交通运输通知", date=dt.date(2020, 1, 1))
    index(2, "教育通知", "交通。交通。交通。", date=dt.date(2020, 1, 2))
    index(3, "卫生通知", "交通", date=dt.date(2020, 1, 3))
    index(4, "交通安全通知", date=dt.date(2020, 1, 4))
    index(5, "财政通知", "交通", date=dt.date(2020, 1, 5))
    results = search("交通")
    assert results.total == 5
    assert set(ids(results)[:2]) == {"1", "4"}
    assert ids(results)[2:] == ["5", "3", "2"]
