"""Bounded work per search (counting.py, query.py): exact totals up to COUNT_LIMIT, estimates
from a sample beyond, broad queries paged title matches first, then newest first."""

import datetime as dt

import pytest
from django.db import connection, transaction

from sunshine.kernel.search import counting, query
from sunshine.kernel.search.query import search
from sunshine.kernel.search.services import bulk_index


def ids(results):
    return [hit.object_id for hit in results.hits]


def docs(start, n, *, title="交通运输通知", public=True, **fields):
    return [
        {"doc_type": "test", "object_id": i, "title": title, "body": "正文", "url": f"/d/{i}",
         "is_public": public, "date": dt.date(2020, 1, 1) + dt.timedelta(days=i), **fields}
        for i in range(start, start + n)
    ]  # fmt: skip


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(counting, "COUNT_LIMIT", 20)
    monkeypatch.setattr(counting, "BROAD_ESTIMATE", 80)
    monkeypatch.setattr(counting, "SAMPLE_TARGET", 60)


def test_small_result_sets_are_counted_exactly(index, small_limits):
    bulk_index(docs(1, 20))
    results = search("交通")
    assert results.total == 20 and results.total_exact
    assert [(f.value, f.count) for f in results.facets["doc_type"]] == [("test", 20)]


def test_large_result_sets_are_estimated_from_public_documents_only(db, small_limits):
    bulk_index(docs(1, 300, topic="交通"))
    bulk_index(docs(1001, 300, public=False, topic="秘密"))  # never counted, even sampled
    results = search("交通")
    assert not results.total_exact
    assert 255 <= results.total <= 345  # within 15 % of 300
    topics = {f.value: f.count for f in results.facets["topic"]}
    assert set(topics) == {"交通"} and 255 <= topics["交通"] <= 345
    assert len(results.hits) == 20 and results.num_pages >= 13
    # Filtered down to a small set: exact again.
    narrowed = search("交通", filters={"date_from": dt.date(2020, 1, 2), "date_to": "2020-01-11"})
    assert narrowed.total == 10 and narrowed.total_exact


def test_an_estimated_listing_without_words(db, small_limits):
    bulk_index(docs(1, 200, kind="意见") + docs(201, 100, kind="通知"))
    listing = search("", filters={"kind": "意见"})
    assert not listing.total_exact and 150 <= listing.total <= 250  # 200, from ~50 sampled
    assert ids(listing)[:3] == ["200", "199", "198"]  # newest first


def test_broad_query_pages_title_matches_then_the_rest_without_gaps(index, monkeypatch):
    monkeypatch.setattr(query, "RANK_LIMIT", 3)
    for n in range(1, 6):  # in the title
        index(n, f"交通通知{n}", date=dt.date(2020, 1, n))
    for n in range(6, 13):  # in the body only
        index(n, f"通知{n}", "交通", date=dt.date(2020, 2, n))
    expected = ["5", "4", "3", "2", "1"] + [str(n) for n in range(12, 5, -1)]
    pages = [ids(search("交通", per_page=4, page=p)) for p in (1, 2, 3)]
    assert sum(pages, []) == expected
    assert (
        search("交通", per_page=4, page=1).hits[0].score
        > search("交通", per_page=4, page=3).hits[0].score
    )
    assert ids(search("交通", sort="date", per_page=3)) == ["12", "11", "10"]


def test_the_doc_number_as_typed_comes_before_shorter_agency_codes(index):
    index(1, "国务院办公厅通知", doc_number="国办发〔2020〕3号", date=dt.date(2020, 1, 1))
    index(2, "某通知", doc_number="办发〔2020〕7号", date=dt.date(2020, 6, 1))  # newer
    assert ids(search("国办发〔2020〕")) == ["1", "2"]
    assert ids(search("国办发〔2020〕 通知")) == ["1", "2"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner settings")
def test_planner_settings_never_leak_out_of_a_search(index):
    index(1, "交通运输通知")

    def setting():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan')")
            return cursor.fetchone()[0]

    before = setting()
    assert search("交通").total == 1
    assert setting() == before
    with transaction.atomic():  # inside a caller's transaction too
        assert search("交通").total == 1
        assert setting() == before
