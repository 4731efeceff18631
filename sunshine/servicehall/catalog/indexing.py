"""The search index of published service items (doc type "service_item"): 事项名称 as title,
the guide text (conditions, materials, procedure ...) as body, segmented by the kernel's
jieba tokenizer with the government dictionary."""

from collections.abc import Iterator

from django.urls import reverse

from sunshine.kernel.search.services import bulk_index, index_document, remove_document

DOC_TYPE = "service_item"


def item_url(item) -> str:
    return reverse("portal:service_item_detail", args=[item.code])


def document_for(item) -> dict:
    materials = "；".join(m.name for m in item.materials.all())
    body = "\n".join(
        part
        for part in (
            item.summary,
            item.basis,
            item.conditions,
            materials,
            item.procedure,
            item.location,
            item.handling_unit,
            "、".join(t.name for t in item.themes.all()),
        )
        if part
    )
    return dict(
        doc_type=DOC_TYPE,
        object_id=item.pk,
        title=item.name,
        body=body,
        url=item_url(item),
        is_public=item.is_public,
        visible_from=item.published_at,
        agency=item.agency,
        kind="person" if item.for_persons else "enterprise",
        date=item.published_at.date() if item.published_at else None,
        extra={"code": item.code, "promised_days": item.promised_days},
    )


def index_item(item) -> None:
    if item.is_public:
        index_document(**document_for(item))
    else:
        remove_document(doc_type=DOC_TYPE, object_id=item.pk)


def reindex_documents() -> Iterator[dict]:
    from .models import ServiceItem

    items = (
        ServiceItem.objects.filter(state=ServiceItem.State.PUBLISHED)
        .select_related("agency")
        .prefetch_related("materials", "themes")
    )
    for item in items.iterator(chunk_size=500):
        yield document_for(item)


def reindex_all() -> None:
    bulk_index(reindex_documents(), force=True)
