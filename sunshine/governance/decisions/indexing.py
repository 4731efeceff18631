"""The search index of 重大行政决策 (doc type "decision"): every entry of a published 决策事项目录
is a public document (事项 as title; 事项概要, and once the decision is published its text and
解读, as body), linked to its dossier page. The services re-index an entry whenever it changes
what the public sees (catalog published, entry added, adjusted or moved out, decision
published, withdrawn, evaluated); an entry moved out of the catalog leaves the index."""

from collections.abc import Iterator

from django.urls import NoReverseMatch, reverse

from sunshine.kernel.search.services import index_document, remove_document

DOC_TYPE = "decision"


def decision_url(decision) -> str:
    try:
        return reverse("portal:decisions_detail", args=[decision.pk])
    except NoReverseMatch:  # the portal is not mounted (a test settings module)
        return ""


def _published(decision) -> bool:
    from .choices import DecisionState

    return decision.state == DecisionState.PUBLISHED


def document_for(decision) -> dict:
    parts = [decision.summary]
    if _published(decision):
        parts += [decision.decision_text, decision.interpretation, decision.evaluation_report]
    catalog = decision.catalog
    return dict(
        doc_type=DOC_TYPE,
        object_id=decision.pk,
        title=decision.title,
        body="\n".join(p for p in parts if p),
        url=decision_url(decision),
        is_public=True,
        visible_from=catalog.published_at,
        agency=decision.agency,
        year=catalog.year,
        kind=decision.state,
        date=(decision.published_at or catalog.published_at).date(),
        extra={"level": decision.level, "lead_agency": decision.lead_agency.name},
    )


def _public(decision_ids):
    from .selectors import public_decisions

    return public_decisions().filter(pk__in=decision_ids)


def index_decisions(decision_ids) -> None:
    """Index the given entries as the public sees them; those not public leave the index."""
    ids = {int(pk) for pk in decision_ids}
    shown = set()
    for decision in _public(ids):
        index_document(**document_for(decision))
        shown.add(decision.pk)
    for pk in ids - shown:
        remove_document(doc_type=DOC_TYPE, object_id=pk)


def index_decision(decision) -> None:
    index_decisions([decision.pk])


def reindex_documents() -> Iterator[dict]:
    from .selectors import public_decisions

    for decision in public_decisions().iterator(chunk_size=500):
        yield document_for(decision)
