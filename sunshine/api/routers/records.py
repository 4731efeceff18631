"""政府信息 (records): the public list and detail of published 主动公开 records, for anyone;
drafting, editing, revising and the workflow transitions for staff (token). Reads go through
the records selectors (public ones never return a non-public record), writes through the
records services; their ValidationErrors come back as 422 with field messages."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.disclosure.records import services, transitions
from sunshine.disclosure.records.choices import DocKind, Topic, Validity
from sunshine.disclosure.records.selectors import (
    public_records,
    public_related,
    public_revision_history,
    record_actions,
    record_for_public,
    record_for_staff,
    staff_records,
)
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.orgs.selectors import public_agencies

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page, year_param

router = Router(tags=["records"])


# --- Public ------------------------------------------------------------------------------


class RecordOut(Schema):
    id: int
    index_number: str
    doc_number: str
    title: str
    agency_id: int
    agency_name: str
    issuer_id: int
    issuer_name: str
    date_written: dt.date
    date_published: dt.date
    topic: str
    topic_label: str
    kind: str
    kind_label: str
    normative: bool
    validity: str
    validity_label: str
    validity_date: dt.date | None
    url: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_issuer_name(obj) -> str:
        return obj.issuer.name

    @staticmethod
    def resolve_topic_label(obj) -> str:
        return str(obj.get_topic_display())

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_validity_label(obj) -> str:
        return str(obj.get_validity_display())

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("records_detail", obj.pk)


class RecordAttachmentOut(Schema):
    id: int
    name: str
    kind: str
    mime_type: str
    size: int
    url: str


class VersionOut(Schema):
    number: int
    published_at: dt.datetime
    change_note: str


class RecordDetail(RecordOut):
    recipients: str
    keywords: str
    body: str
    disclosure_mode: str
    published_at: dt.datetime | None
    version: int
    attachments: list[RecordAttachmentOut]
    related_ids: list[int]
    versions: list[VersionOut]  # 规范性文件 only: the revision history, newest first

    @staticmethod
    def resolve_published_at(obj):
        return timezone.localtime(obj.published_at) if obj.published_at else None  # +08:00

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.current_version.number

    @staticmethod
    def resolve_attachments(obj) -> list[dict]:
        return [
            {
                "id": a.pk,
                "name": a.original_name,
                "kind": a.kind,
                "mime_type": a.mime_type,
                "size": a.size,
                "url": portal_url("records_file", obj.pk, a.pk),
            }
            for a in attachments_for(obj)
        ]

    @staticmethod
    def resolve_related_ids(obj) -> list[int]:
        return list(public_related(obj).values_list("pk", flat=True))

    @staticmethod
    def resolve_versions(obj) -> list[dict]:
        return [
            {
                "number": v.number,
                "published_at": timezone.localtime(v.created_at),
                "change_note": v.change_note,
            }
            for v in public_revision_history(obj)
        ]


class RecordPage(Schema):
    count: int
    items: list[RecordOut]


@router.get("", response=RecordPage, summary="政策文件列表（公开）")
def list_records(
    request,
    agency: int | None = id_param("公开主体：该机关及其下级机关"),
    year: int | None = year_param("成文年份"),
    topic: str | None = Query(None, description="主题分类：" + ", ".join(Topic.values)),
    kind: str | None = Query(None, description="公文种类：" + ", ".join(DocKind.values)),
    validity: str | None = Query(None, description="有效性：" + ", ".join(Validity.values)),
    normative: bool | None = Query(None, description="是否规范性文件"),
    q: str | None = Query(None, max_length=100, description="标题包含，或文号、索引号完全一致"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    """Published 主动公开 records, newest publication first. Full-text search is
    /api/v1/search."""
    choices = {"topic": (topic, Topic), "kind": (kind, DocKind), "validity": (validity, Validity)}
    wrong = {
        n: [_("无效的取值：%(v)s") % {"v": v}]
        for n, (v, c) in choices.items()
        if v and v not in c.values
    }
    if wrong:
        raise ValidationError(wrong)
    within = None
    if agency is not None:
        within = public_agencies().filter(pk=agency).first()
        if within is None:
            raise NotFound(_("没有该机关。"))
    records = public_records(
        within=within,
        year=year,
        topic=topic,
        kind=kind,
        validity=validity,
        normative=normative,
    )
    if q and q.strip():
        term = q.strip()
        records = records.filter(
            Q(title__icontains=term) | Q(doc_number=term) | Q(index_number=term)
        )
    return page(records, limit, offset)


@router.get("/{int:record_id}", response=RecordDetail, summary="政策文件详情（公开）")
def get_record(request, record_id: int):
    record = record_for_public(record_id)
    if record is None:
        raise NotFound(_("该政府信息不存在或未公开。"))
    return record


# --- Staff (token) -----------------------------------------------------------------------


class TransitionOut(Schema):
    name: str
    label: str
    allowed: bool
    blocked_by: list[str]
    requires_comment: bool


class StaffRecordOut(Schema):
    id: int
    index_number: str
    doc_number: str
    title: str
    state: str
    state_label: str
    agency_id: int
    issuer_id: int
    recipients: str
    date_written: dt.date
    date_published: dt.date | None
    topic: str
    kind: str
    normative: bool
    keywords: str
    disclosure_mode: str
    withheld_reason: str
    withheld_ground: str
    validity: str
    validity_date: dt.date | None
    body: str
    needs_interpretation: bool
    related_ids: list[int]
    scheduled_at: dt.datetime | None
    version: int | None
    transitions: list[TransitionOut]  # what the caller may do next

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_related_ids(obj) -> list[int]:
        return sorted(obj.related.values_list("pk", flat=True))

    @staticmethod
    def resolve_scheduled_at(obj):
        return timezone.localtime(obj.scheduled_at) if obj.scheduled_at else None

    @staticmethod
    def resolve_version(obj):
        return obj.current_version.number if obj.current_version_id else None

    @staticmethod
    def resolve_transitions(obj, context) -> list[dict]:
        user = context["request"].auth
        return [
            {
                "name": t.name,
                "label": t.label,
                "allowed": t.allowed,
                "blocked_by": t.blocked_by,
                "requires_comment": t.requires_comment,
            }
            for t in record_actions(obj, user)
        ]


class RecordFields(Schema):
    """The editable fields; on PATCH only those sent are changed."""

    title: str | None = None
    doc_number: str | None = None
    issuer_id: int | None = None
    recipients: str | None = None
    date_written: dt.date | None = None
    topic: str | None = None
    kind: str | None = None
    normative: bool | None = None
    keywords: str | None = None
    disclosure_mode: str | None = None
    withheld_reason: str | None = None
    withheld_ground: str | None = None
    body: str | None = None
    needs_interpretation: bool | None = None
    related_ids: list[int] | None = None


class RecordCreate(RecordFields):
    agency_id: int


class RecordPatch(RecordFields):
    change_note: str | None = None  # required when the record is published (a revision)


class TransitionIn(Schema):
    comment: str = ""
    scheduled_at: dt.datetime | None = None  # schedule: ISO 8601; without offset = Beijing time
    on: dt.date | None = None  # repeal / expire: the date it takes effect (default today)


def _service_values(payload: RecordFields, user, *, only_set: bool) -> dict:
    """The payload as the services' keyword arguments (agencies and related records looked
    up; unknown ids are field errors)."""
    data = payload.dict(exclude_unset=only_set)
    data.pop("agency_id", None)
    data.pop("change_note", None)
    errors = {}
    if "issuer_id" in data:
        issuer_id = data.pop("issuer_id")
        data["issuer"] = public_agencies().filter(pk=issuer_id).first() if issuer_id else None
        if issuer_id and data["issuer"] is None:
            errors["issuer"] = [_("没有该机关。")]
    if "related_ids" in data:
        ids = set(data.pop("related_ids") or [])
        found = list(staff_records(user).filter(pk__in=ids)) + list(
            public_records().filter(pk__in=ids)
        )
        related = {r.pk: r for r in found}
        if set(related) != ids:
            missing = ", ".join(str(i) for i in sorted(ids - set(related)))
            errors["related"] = [_("找不到这些政府信息：%(ids)s") % {"ids": missing}]
        data["related"] = list(related.values())
    if errors:
        raise ValidationError(errors)
    # Absent text fields are empty for a new draft (the service says what is required).
    return {k: v for k, v in data.items() if v is not None} if not only_set else data


_staff_record = StaffLookup(record_for_staff, gettext_lazy("没有这条政府信息，或您无权查看。"))


@router.post("", auth=staff_token, response={201: StaffRecordOut}, summary="起草政府信息")
def create_record(request, payload: RecordCreate):
    agency = public_agencies().filter(pk=payload.agency_id).first()
    if agency is None:
        raise ValidationError({"agency_id": [_("没有该机关。")]})
    values = _service_values(payload, request.auth, only_set=False)
    record = services.create_draft(actor=request.auth, agency=agency, **values)
    return Status(201, record)


@router.patch(
    "/{int:record_id}", auth=staff_token, response=StaffRecordOut, summary="修改草稿或修订"
)
def update_record(request, record_id: int, payload: RecordPatch):
    """A draft is edited in place; a published record is revised: a new version is published at
    once and `change_note` (修订说明) is required."""
    record = _staff_record(request, record_id)
    changes = _service_values(payload, request.auth, only_set=True)
    if record.state == "published":
        services.revise(
            record=record, actor=request.auth, change_note=payload.change_note or "", **changes
        )
    else:
        services.update_draft(record=record, actor=request.auth, **changes)
    return record


@router.post(
    "/{int:record_id}/transitions/{name}",
    auth=staff_token,
    response=StaffRecordOut,
    summary="办理：提交、审核、签发、退回、发布、定时发布、撤回、废止……",
)
def apply_transition(request, record_id: int, name: str, payload: TransitionIn):
    record = _staff_record(request, record_id)
    if name == "revise":
        raise ValidationError(_("修订请使用 PATCH /api/v1/records/{id}，并填写 change_note。"))
    try:
        transitions.apply_transition(record, name, actor=request.auth, data=payload.dict())
    except transitions.UnknownTransition as exc:
        raise NotFound(exc.message) from None
    return record
