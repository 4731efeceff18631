"""The site-search documents of published messages (doc type "message"): the masked subject as
title, the masked message and its published reply as body. Only masked text is indexed."""

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sunshine.kernel.search.services import bulk_index, index_document, remove_document

DOC_TYPE = "message"


def message_url(message) -> str:
    try:
        return reverse("portal:messages_detail", args=[message.pk])
    except NoReverseMatch:
        return ""


def document_for(message) -> dict:
    replies = [r.published_body for r in message.replies.all() if r.is_published]
    return dict(
        doc_type=DOC_TYPE,
        object_id=message.pk,
        title=message.public_subject,
        body="\n".join([message.public_body, *replies]),
        url=message_url(message),
        is_public=message.is_published,
        visible_from=message.published_at,
        agency=message.agency,
        kind=message.category,
        date=timezone.localdate(message.published_at or message.submitted_at),
    )


def index_message(message) -> None:
    if message.is_published:
        index_document(**document_for(message))
    else:
        remove_document(doc_type=DOC_TYPE, object_id=message.pk)


def _published(ids: Iterable[int] | None = None):
    from .models import Message, MessageReply

    qs = Message.objects.filter(is_published=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return (
        qs.select_related("agency")
        .prefetch_related(
            Prefetch("replies", queryset=MessageReply.objects.filter(is_published=True))
        )
        .order_by("pk")
    )


def reindex_documents() -> Iterator[dict]:
    for message in _published().iterator(chunk_size=500):
        yield document_for(message)


def index_messages(ids: Iterable[int]) -> int:
    """Index the given (published) messages in bulk, e.g. after a historical import."""
    ids = list(ids)
    written = 0
    for start in range(0, len(ids), 500):
        docs = (document_for(m) for m in _published(ids[start : start + 500]))
        written += bulk_index(docs).written
    return written
