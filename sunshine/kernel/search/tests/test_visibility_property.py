"""Property: whatever documents exist, in whatever states, the public search never returns,
counts, facets or suggests one that is not public or not yet visible."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from sunshine.kernel import clock
from sunshine.kernel.search.query import search
from sunshine.kernel.search.registry import register_doc_type
from sunshine.kernel.search.services import bulk_index

NOW = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC)
WORDS = ["阳光政务", "交通", "教育", "政务公开", "营商环境", "双随机", "卫生健康", "粤府办"]
TOPICS = ["交通", "教育", ""]
OFFSETS = [None, -86400 * 30, -1, 0, 1, 86400 * 30]  # seconds from NOW; None = no embargo

document = st.fixed_dictionaries(
    {
        "title": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map("".join),
        "body": st.lists(st.sampled_from(WORDS), max_size=4).map("，".join),
        "is_public": st.booleans(),
        "offset": st.sampled_from(OFFSETS),
        "topic": st.sampled_from(TOPICS),
        "year": st.sampled_from([2016, 2020, None]),
        "doc_number": st.sampled_from(["", "粤府办〔2016〕1号", "粤府办[2016]2号"]),
        "doc_type": st.sampled_from(["test", "note"]),
    }
)


class VisibilityProperty(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        register_doc_type("test", "测试文档")
        register_doc_type("note", "测试说明")

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        docs=st.lists(document, min_size=1, max_size=12),
        query=st.sampled_from(["", *WORDS, "粤府办〔2016〕", "粤府办(2016)1号", "阳光政务 火星"]),
        sort=st.sampled_from(["relevance", "date"]),
    )
    def test_only_public_visible_documents_come_out(self, docs, query, sort):
        visible = set()
        rows = []
        for n, doc in enumerate(docs):
            offset = doc.pop("offset")
            when = None if offset is None else NOW + dt.timedelta(seconds=offset)
            rows.append({"object_id": n, "url": f"/d/{n}", "visible_from": when, **doc})
            if doc["is_public"] and (when is None or when <= NOW):
                visible.add(str(n))
        bulk_index(rows, batch=5)
        with clock.frozen(NOW):
            results = search(query, sort=sort, per_page=100)
        found = {hit.object_id for hit in results.hits}
        assert found <= visible
        assert results.total == len(results.hits)
        for facet in results.facets.values():
            assert sum(v.count for v in facet) <= len(found)
        if query == "":
            assert found == visible
        if results.suggestion:
            assert "火星" not in results.suggestion
