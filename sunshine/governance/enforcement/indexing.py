"""The search index of published 执法决定 (doc type "enforcement"): what the public page shows
(masked), so the one search never finds a natural person by name."""

from collections.abc import Iterator

from django.urls import NoReverseMatch, reverse

from sunshine.kernel.search.services import index_document, remove_document

DOC_TYPE = "enforcement"


def decision_url(decision) -> str:
    try:
        return reverse("portal:enforcement_detail", args=[decision.pk])
    except NoReverseMatch:  # the portal is not mounted (a test settings module)
        return ""


def document_for(decision) -> dict:
    from .selectors import public_view

    view = public_view(decision)
    body = "\n".join(
        part
        for part in (view.doc_number, view.party_name, view.credit_code, view.basis, view.content,
                     view.facts)
        if part
    )  # fmt: skip
    return dict(
        doc_type=DOC_TYPE,
        object_id=decision.pk,
        title=f"{view.title}（{view.party_name}）",
        body=body,
        url=decision_url(decision),
        is_public=True,
        visible_from=decision.published_at,
        agency=decision.agency,
        doc_number=decision.doc_number,
        kind=decision.kind,
        date=decision.decided_on,
    )


def index_decision(decision) -> None:
    index_document(**document_for(decision))


def remove_decision(decision) -> None:
    remove_document(doc_type=DOC_TYPE, object_id=decision.pk)


def reindex_documents() -> Iterator[dict]:
    from .models import EnforcementDecision

    rows = EnforcementDecision.objects.filter(state="published").select_related("agency")
    for decision in rows.iterator(chunk_size=500):
        yield document_for(decision)
