"""重大行政决策 in the site search: an entry is found once its catalog is published, its
decision text and 解读 once the decision is published; an entry moved out of the catalog is
no longer found."""

import re

import pytest

from sunshine.governance.decisions import indexing, services
from sunshine.kernel import clock
from sunshine.kernel.search.query import search
from sunshine.kernel.search.services import bulk_index
from sunshine.testing.factories.decisions import at, make_decision, make_people, pass_legality


@pytest.fixture
def people(province):
    return make_people(province)


@pytest.fixture(autouse=True)
def autumn_2026():
    with clock.frozen(at(2026, 9, 21, 10)):
        yield


def found(q: str) -> list[str]:
    hits = search(q, doc_types=[indexing.DOC_TYPE], facets=False).hits
    return [re.sub(r"</?mark>", "", str(h.title)) for h in hits]


def test_entries_are_found_once_public_and_their_text_once_published(people):
    decision = make_decision(
        people, level="division", title="城市停车收费调整方案", summary="分时段差异化停车收费"
    )
    other = make_decision(people, level="division", title="公共交通票价改革方案")
    assert found("停车收费") == []  # the catalog is not public yet
    services.publish_catalog(actor=people.head, catalog=decision.catalog)
    assert found("停车收费") == ["城市停车收费调整方案"]
    pass_legality(people, decision)
    services.decide(actor=people.head, decision=decision, decision_text="同意实行夜间免费停车。")
    assert found("夜间免费") == []  # decided, not yet published
    services.publish_decision(
        actor=people.head, decision=decision, interpretation="一图读懂停车新规。"
    )
    assert found("夜间免费") == ["城市停车收费调整方案"]
    assert found("一图读懂") == ["城市停车收费调整方案"]
    hit = search("夜间免费", doc_types=[indexing.DOC_TYPE], facets=False).hits[0]
    assert hit.url == f"/zdjc/item/{decision.pk}/"
    assert found("票价改革") == ["公共交通票价改革方案"]
    services.remove_from_catalog(actor=people.drafter, decision=other, reason="并入其他事项")
    assert found("票价改革") == []
    # The reindex (manage.py search_reindex) yields the same public documents.
    docs = list(indexing.reindex_documents())
    assert [d["title"] for d in docs] == ["城市停车收费调整方案"]
    assert bulk_index(docs).written == 0  # already indexed with the same content
