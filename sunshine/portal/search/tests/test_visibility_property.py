"""Property: whatever records exist — any 公开属性, any state of the workflow, revised,
repealed, withdrawn — the search (records.indexing.search_public), the /search/ page and
GET /api/v1/search never show a record that is not public (published 主动公开)."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from sunshine.disclosure.records import indexing, services
from sunshine.testing.factories import AgencyFactory
from sunshine.testing.factories.records import advance, draft, make_people

API = "/api/v1/search"
WORDS = ["阳光政务", "营商环境", "高速公路", "政务公开", "义务教育", "粤府办"]
WITHHELD = {
    "disclosure_mode": "withheld",
    "withheld_reason": "内部事务",
    "withheld_ground": "internal",
}
ON_REQUEST = {
    "disclosure_mode": "on_request",
    "withheld_reason": "个人信息",
    "withheld_ground": "privacy",
}
# The states that touch the index (publish, revise, repeal, withdraw, expire) come up more often.
PROACTIVE_STATES = ["withdrawn", "published", "revised", "repealed", "withdrawn", "scheduled",
                    "signed_off", "draft", "submitted", "reviewed"]  # fmt: skip
OTHER_STATES = ["filed", "filed", "signed_off", "reviewed", "submitted", "draft"]

record = st.fixed_dictionaries(
    {
        "words": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True),
        "mode": st.sampled_from(["proactive", "on_request", "withheld"]),
        "state": st.integers(min_value=0, max_value=len(PROACTIVE_STATES) - 1),
        "topic": st.sampled_from(["general", "industry", "science"]),
        "numbered": st.booleans(),
    }
)


def _make(people, n: int, spec: dict):
    extra = {"on_request": ON_REQUEST, "withheld": WITHHELD}.get(spec["mode"], {})
    title = "广东省人民政府办公厅关于" + "和".join(spec["words"]) + "的通知"
    number = f"粤府办〔2016〕{n + 1}号" if spec["numbered"] else ""
    item = draft(people, title=title, body="，".join(spec["words"]), topic=spec["topic"],
                 doc_number=number, **extra)  # fmt: skip
    states = PROACTIVE_STATES if spec["mode"] == "proactive" else OTHER_STATES
    state = states[spec["state"] % len(states)]
    target = "published" if state in ("revised", "repealed") else state
    advance(item, people, target)
    if state == "revised":
        services.revise(record=item, actor=people["approver"], change_note="修订",
                        title=title.replace("通知", "补充通知"))  # fmt: skip
    elif state == "repealed":
        services.repeal(record=item, actor=people["approver"], comment="废止")
    elif state == "filed" and spec["numbered"]:
        services.expire(record=item, actor=people["approver"])  # touches the index too
    item.refresh_from_db()
    return item


class SearchNeverShowsNonPublicRecords(TestCase):
    @classmethod
    def setUpTestData(cls):
        root = AgencyFactory(name="广东省人民政府", kind="government")
        office = AgencyFactory(name="广东省人民政府办公厅", parent=root, kind="office")
        cls.people = make_people(office)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        specs=st.lists(record, min_size=2, max_size=6),
        query=st.sampled_from(WORDS + ["粤府办〔2016〕"]),
    )
    def test_only_public_records_come_out(self, specs, query):
        with self.captureOnCommitCallbacks(execute=True):
            made = [_make(self.people, n, spec) for n, spec in enumerate(specs)]
        public = {
            str(r.pk) for r in made if r.state == "published" and r.disclosure_mode == "proactive"
        }
        hidden_urls = {f"/zcwj/{r.pk}/" for r in made if str(r.pk) not in public}

        results = indexing.search_public(query, per_page=100)
        assert {h.object_id for h in results.hits} <= public
        assert results.total == len(results.hits)
        assert indexing.search_public("", per_page=100).total == len(public)
        for facet in results.facets.values():
            assert sum(v.count for v in facet) <= len(public)

        html = self.client.get("/search/", {"q": query}).content.decode()
        shown = set(re.findall(r'class="search-hit-title"><a href="([^"]+)"', html))
        assert not shown & hidden_urls and len(shown) == results.total

        data = self.client.get(API, {"q": query, "per_page": 50}).json()
        assert {h["id"] for h in data["hits"]} <= public and data["total"] == results.total
        listing = self.client.get(API, {"per_page": 50}).json()
        assert {h["id"] for h in listing["hits"]} == public
