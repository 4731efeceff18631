"""The search index of power items (doc type "power_item"): the version in force today as
the document (事项名称 as title; 设定依据, 实施主体, 运行流程, 责任事项 as body). A daily job
(feature.py) re-reads the items whose version changed by date, since a revision or a repeal
can take effect on a later day."""

from collections.abc import Iterator

from django.urls import NoReverseMatch, reverse

from sunshine.kernel import clock
from sunshine.kernel.search.services import bulk_index, index_document, remove_document

DOC_TYPE = "power_item"


def item_url(item) -> str:
    try:
        return reverse("portal:powers_detail", args=[item.pk])
    except NoReverseMatch:  # the portal is not mounted (a test settings module)
        return ""


def document_for(item, version) -> dict:
    body = "\n".join(
        part
        for part in (
            version.basis,
            version.subject,
            version.process,
            version.responsibility,
            version.accountability,
        )
        if part
    )
    return dict(
        doc_type=DOC_TYPE,
        object_id=item.pk,
        title=version.name,
        body=body,
        url=item_url(item),
        is_public=True,
        visible_from=version.effective_from,
        agency=item.agency,
        kind=item.kind,
        date=version.effective_from,
        extra={"code": item.code, "version": version.number},
    )


def index_item(item) -> None:
    from .selectors import versions_in_force

    version = versions_in_force().filter(item_id=item.pk).first()
    if version is None:
        remove_document(doc_type=DOC_TYPE, object_id=item.pk)
    else:
        index_document(**document_for(version.item, version))


def reindex_documents() -> Iterator[dict]:
    from .selectors import versions_in_force

    for version in versions_in_force().iterator(chunk_size=500):
        yield document_for(version.item, version)


def refresh_changed_today() -> dict:
    """Index the items whose version starts or ends today (revisions and repeals by date)."""
    from .models import PowerItem

    today = clock.today()
    items = PowerItem.objects.filter(versions__effective_from=today) | PowerItem.objects.filter(
        versions__effective_to=today
    )
    count = 0
    for item in items.distinct().select_related("agency"):
        index_item(item)
        count += 1
    return {"refreshed": count}


def reindex_all() -> None:
    bulk_index(reindex_documents(), force=True)
