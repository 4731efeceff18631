import datetime as dt
import io

import pytest
from django.db import connection

from sunshine.kernel.search.models import SearchDocument
from sunshine.kernel.search.query import search
from sunshine.kernel.search.services import (
    bulk_index,
    index_document,
    remove_document,
    remove_documents,
)


def ids(results):
    return [hit.object_id for hit in results.hits]


def test_reindexing_is_idempotent(index):
    index(1, "关于推进阳光政务建设工作的通知", "阳光政务")
    before = SearchDocument.objects.get()
    again = index_document(
        doc_type="test", object_id=1, title="关于推进阳光政务建设工作的通知", body="阳光政务",
        url="/docs/1/", is_public=True, date=dt.date(2016, 12, 12),
    )  # fmt: skip
    assert again is False
    assert SearchDocument.objects.get().indexed_at == before.indexed_at
    assert search("阳光政务").total == 1


def test_reindexing_replaces_the_text(index):
    index(1, "交通运输工作要点", "公路建设")
    index(1, "教育工作要点", "学校建设")
    assert SearchDocument.objects.count() == 1
    assert search("交通").total == 0
    assert ids(search("教育")) == ["1"]
    assert ids(search("学校")) == ["1"]


def test_removal(index):
    index(1, "交通运输工作要点")
    index(2, "交通安全宣传")
    assert remove_document(doc_type="test", object_id=1) is True
    assert remove_document(doc_type="test", object_id=1) is False
    assert ids(search("交通")) == ["2"]
    assert remove_documents(doc_type="test") == 1
    assert search("交通").total == 0


def test_bulk_index_upserts_and_skips_unchanged(db):
    docs = [
        {"doc_type": "test", "object_id": n, "title": f"第{n}号交通运输通知", "body": "公路",
         "url": f"/d/{n}", "is_public": True, "date": dt.date(2020, 1, 1 + n % 28)}
        for n in range(1, 121)
    ]  # fmt: skip
    first = bulk_index(docs, batch=50)
    assert (first.written, first.unchanged) == (120, 0)
    docs[0]["title"] = "第1号教育通知"
    docs.append(dict(docs[1]))  # a duplicate in the same batch: the last one wins
    second = bulk_index(docs, batch=50)
    assert (second.written, second.unchanged) == (1, 120)
    assert SearchDocument.objects.count() == 120
    assert search("交通", per_page=1).total == 119
    assert ids(search("教育")) == ["1"]


def test_unknown_type_and_fields_are_refused(index):
    with pytest.raises(ValueError, match="未登记的检索类型"):
        index(1, "标题", doc_type="nope")
    with pytest.raises(TypeError, match="未知的检索字段"):
        bulk_index([{"doc_type": "test", "object_id": 1, "title": "t", "url": "/", "colour": 1}])
    with pytest.raises(ValueError, match="须有标题"):
        index(1, "  ")


def test_keys_and_agency_are_stored_normalised(index, province):
    index(1, "通知", doc_number="粤府办[2016]01号", index_number=" 006939748/2016-00001",
          agency=province["office"])  # fmt: skip
    doc = SearchDocument.objects.get()
    assert doc.doc_key == "粤府办〔2016〕1号"
    assert doc.doc_number == "粤府办[2016]01号"  # shown as published
    assert doc.index_key == "006939748/2016-00001"
    assert (doc.agency_id, doc.agency_path, doc.agency_name) == (
        province["office"].pk, province["office"].path, "广东省人民政府办公厅",
    )  # fmt: skip
    assert doc.year == 2016


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 sync is SQLite's")
def test_fts_table_follows_every_write(index):
    index(1, "交通运输")
    index(2, "教育")
    SearchDocument.objects.filter(object_id="2").delete()  # even a raw delete
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH '教育'")
        assert cursor.fetchall() == []


def test_rebuild_and_reindex_commands(index):
    from django.core.management import call_command

    from sunshine.kernel.search.registry import register_doc_type

    index(1, "交通运输工作要点")
    call_command("search_rebuild", stdout=io.StringIO())
    assert ids(search("交通")) == ["1"]
    docs = [{"doc_type": "note", "object_id": 9, "title": "教育通知", "url": "/n/9",
             "is_public": True}]  # fmt: skip
    register_doc_type("note", "测试说明", reindex=lambda: docs)
    call_command("search_reindex", "--type", "note", stdout=io.StringIO())
    assert ids(search("教育")) == ["9"]
