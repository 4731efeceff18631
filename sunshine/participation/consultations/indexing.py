"""The search index of published consultations (doc type "consultation"): the title, summary,
draft, 起草说明 and, once published, the 采纳情况说明; segmented by the kernel's jieba tokenizer
with the government dictionary. Drafts are never indexed."""

from collections.abc import Iterator

from django.urls import NoReverseMatch, reverse

from sunshine.kernel.search.services import index_document, remove_document

from .choices import PUBLIC_STATES
from .choices import ConsultationState as S

DOC_TYPE = "consultation"


def _url(c) -> str:
    try:
        return reverse("portal:consultation_detail", args=[c.pk])
    except NoReverseMatch:
        return ""


def document_for(c) -> dict:
    parts = [c.summary, c.draft_text, c.explanation]
    if c.state == S.FEEDBACK_PUBLISHED:
        parts.append(c.feedback_report)
    return dict(
        doc_type=DOC_TYPE,
        object_id=c.pk,
        title=c.title,
        body="\n".join(p for p in parts if p),
        url=_url(c),
        is_public=c.state in PUBLIC_STATES,
        visible_from=c.published_at,
        agency=c.agency,
        kind="major_decision" if c.is_major_decision else "consultation",
        date=c.start_date,
        year=c.start_date.year,
    )


def index_consultation(c) -> None:
    if c.state in PUBLIC_STATES:
        index_document(**document_for(c))
    else:
        remove_document(doc_type=DOC_TYPE, object_id=c.pk)


def reindex_documents() -> Iterator[dict]:
    from .models import Consultation

    items = Consultation.objects.filter(state__in=PUBLIC_STATES).select_related("agency")
    for c in items.iterator(chunk_size=200):
        yield document_for(c)
