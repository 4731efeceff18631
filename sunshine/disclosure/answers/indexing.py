"""Public answers in the site search: kernel/search doc type "foi_answer" (公开答复). Only the
masked title, question and answer are indexed; a withdrawn answer is removed. The services call
`index_answer` in their transaction; `manage.py search_reindex` rebuilds from
`reindex_documents`."""

from collections.abc import Iterator

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sunshine.kernel.search.services import index_document, remove_document

DOC_TYPE = "foi_answer"
DETAIL_URL_NAME = "portal:answers_detail"


def answer_url(answer) -> str:
    try:
        return reverse(DETAIL_URL_NAME, args=[answer.pk])
    except NoReverseMatch:
        return ""


def document_for(answer) -> dict:
    return dict(
        doc_type=DOC_TYPE,
        object_id=answer.pk,
        title=answer.title,
        body=f"{answer.question}\n{answer.answer}",
        url=answer_url(answer),
        is_public=answer.is_public,
        visible_from=answer.published_at,
        agency=answer.agency,
        kind=answer.outcome,
        date=timezone.localdate(answer.published_at),
    )


def index_answer(answer) -> None:
    if answer.is_public:
        index_document(**document_for(answer))
    else:
        remove_document(doc_type=DOC_TYPE, object_id=answer.pk)


def reindex_documents() -> Iterator[dict]:
    from .models import PublicAnswer

    for answer in PublicAnswer.objects.public().select_related("agency").order_by("pk"):
        yield document_for(answer)
