"""政策解读: published interpretations of public records, for anyone. Only what the public
selectors return (published interpretations of published 主动公开 records) is ever listed."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from sunshine.disclosure.interpretations.selectors import (
    interpretation_for_public,
    public_interpretations,
)
from sunshine.kernel.orgs.selectors import public_agencies

from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["interpretations"])


class RecordRef(Schema):
    id: int
    title: str
    index_number: str
    doc_number: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("records_detail", obj.pk)


class InterpretationOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    agency_id: int
    agency_name: str
    published_at: dt.datetime
    url: str
    record: RecordRef

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_published_at(obj):
        return timezone.localtime(obj.published_at)  # +08:00, as on the pages

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("interpretations_detail", obj.pk)


class InterpretationAttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    url: str


class InterpretationDetail(InterpretationOut):
    body: str
    media_url: str
    attachments: list[InterpretationAttachmentOut]

    @staticmethod
    def resolve_attachments(obj) -> list[dict]:
        return [
            {
                "id": a.pk,
                "name": a.original_name,
                "kind": a.kind,
                "size": a.size,
                "url": portal_url("interpretations_file", obj.pk, a.pk),
            }
            for a in obj.attachments.all()
        ]


class InterpretationPage(Schema):
    count: int
    items: list[InterpretationOut]


@router.get("", response=InterpretationPage, summary="政策解读列表")
def list_interpretations(
    request,
    agency: int | None = id_param("只看该机关及其下级机关的解读"),
    record: int | None = id_param("只看该文件的解读"),
    kind: str | None = Query(None, description="解读形式：text, graphic, media, interview, …"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    """Published interpretations of public records, newest first."""
    within = None
    if agency is not None:
        within = public_agencies().filter(pk=agency).first()
        if within is None:
            raise NotFound(_("没有该机关。"))
    items = public_interpretations(within=within, kind=kind or None).defer("body")
    if record is not None:
        items = items.filter(record_id=record)
    return page(items, limit, offset)


@router.get("/{int:interpretation_id}", response=InterpretationDetail, summary="政策解读详情")
def get_interpretation(request, interpretation_id: int):
    item = interpretation_for_public(interpretation_id)
    if item is None:
        raise NotFound(_("该政策解读不存在或尚未发布。"))
    return item
