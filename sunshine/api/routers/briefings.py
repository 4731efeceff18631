"""新闻发布会与访谈: public list and detail (transcript, media, linked public policies once
published); staff actions and the 主要负责人 coverage, calling the same services and selectors
as the workbench."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can_anywhere
from sunshine.kernel.orgs.selectors import public_agencies
from sunshine.participation.briefings import selectors, services
from sunshine.participation.briefings.coverage import coverage_for_user

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import limit_param, offset_param, page

router = Router(tags=["briefings"])


class SpeakerOut(Schema):
    name: str
    post: str
    agency_id: int
    agency_name: str
    is_principal_leader: bool

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name


class BriefingOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    agency_id: int
    agency_name: str
    scheduled_at: dt.datetime
    place: str
    online_url: str
    state: str
    speakers: list[SpeakerOut]
    url: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_scheduled_at(obj):
        return timezone.localtime(obj.scheduled_at)

    @staticmethod
    def resolve_speakers(obj):
        return obj.speaker_list

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("briefings_detail", obj.pk)


class PolicyRef(Schema):
    id: int
    title: str
    index_number: str
    doc_number: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("records_detail", obj.pk)


class MediaOut(Schema):
    kind: str
    url: str


class BriefingDetail(BriefingOut):
    summary: str
    transcript: str
    media_links: list[MediaOut]
    policies: list[PolicyRef]
    published_at: dt.datetime | None

    @staticmethod
    def resolve_transcript(obj) -> str:
        return obj.transcript if selectors.is_published(obj) else ""

    @staticmethod
    def resolve_media_links(obj) -> list:
        return obj.media_links if selectors.is_published(obj) else []

    @staticmethod
    def resolve_policies(obj) -> list:
        return list(selectors.public_policies(obj))


class BriefingPage(Schema):
    count: int
    items: list[BriefingOut]


@router.get("", response=BriefingPage, summary="新闻发布会与访谈列表")
def list_briefings(
    request,
    kind: str | None = Query(None, description="press_conference, interview, open_day, …"),
    year: int | None = Query(None, ge=2000, le=2100),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    items = selectors.public_briefings(kind=kind or None, year=year)
    return page(items, limit, offset)


class CoverageOut(Schema):
    agency_id: int
    agency_name: str
    count: int
    last_at: dt.datetime | None
    flagged: bool


@router.get(
    "/coverage",
    auth=staff_token,
    response=list[CoverageOut],
    summary="主要负责人宣讲情况（每年不少于1次）",
)
def leader_coverage(request, year: int | None = Query(None, ge=2000, le=2100)):
    if not can_anywhere(request.auth, "briefing.coverage"):
        raise PermissionDenied(_("您没有查看主要负责人宣讲情况的权限。"))
    rows = coverage_for_user(request.auth, year or clock.today().year)
    return [
        {
            "agency_id": r.agency.pk,
            "agency_name": r.agency.name,
            "count": r.count,
            "last_at": timezone.localtime(r.last_at) if r.last_at else None,
            "flagged": r.flagged,
        }
        for r in rows
    ]


@router.get("/{int:briefing_id}", response=BriefingDetail, summary="发布会或访谈详情")
def get_briefing(request, briefing_id: int):
    item = selectors.briefing_for_public(briefing_id)
    if item is None:
        raise NotFound(_("该发布会或访谈不存在。"))
    return item


# --- Staff -------------------------------------------------------------------------------


class BriefingCreate(Schema):
    agency_id: int
    kind: str
    title: str
    scheduled_at: dt.datetime
    place: str = ""
    online_url: str = ""
    summary: str = ""


class SpeakerIn(Schema):
    name: str
    post: str
    agency_id: int
    is_principal_leader: bool = False


class PoliciesIn(Schema):
    records: list[str]  # ids or 索引号


class RecordIn(Schema):
    transcript: str = ""
    media_links: list[MediaOut] = []


_staff = StaffLookup(
    selectors.briefing_for_staff, gettext_lazy("该发布会不存在，或不在您的权限范围内。")
)


@router.post("", auth=staff_token, response={201: BriefingDetail}, summary="安排发布会或访谈")
def create_briefing(request, payload: BriefingCreate):
    agency = public_agencies().filter(pk=payload.agency_id).first()
    if agency is None:
        raise ValidationError({"agency_id": [_("没有该机关。")]})
    item = services.create_briefing(
        actor=request.auth, agency=agency, **payload.dict(exclude={"agency_id"})
    )
    return Status(201, _staff(request, item.pk))


@router.put(
    "/{int:briefing_id}/speakers", auth=staff_token, response=BriefingDetail, summary="设置发布人"
)
def put_speakers(request, briefing_id: int, payload: list[SpeakerIn]):
    item = _staff(request, briefing_id)
    agencies = {a.pk: a for a in public_agencies().filter(pk__in=[s.agency_id for s in payload])}
    rows = []
    for s in payload:
        if s.agency_id not in agencies:
            raise ValidationError({"speakers": [_("没有该机关。")]})
        rows.append({**s.dict(exclude={"agency_id"}), "agency": agencies[s.agency_id]})
    services.set_speakers(actor=request.auth, briefing=item, speakers=rows)
    return _staff(request, briefing_id)


@router.put(
    "/{int:briefing_id}/policies", auth=staff_token, response=BriefingDetail, summary="关联政策文件"
)
def put_policies(request, briefing_id: int, payload: PoliciesIn):
    return _staff.act(
        request,
        briefing_id,
        lambda item: services.link_policies(
            actor=request.auth, briefing=item, records=payload.records
        ),
    )


@router.post(
    "/{int:briefing_id}/held", auth=staff_token, response=BriefingDetail, summary="登记已举行"
)
def mark_held(request, briefing_id: int):
    return _staff.act(
        request, briefing_id, lambda item: services.record_held(actor=request.auth, briefing=item)
    )


@router.put(
    "/{int:briefing_id}/record",
    auth=staff_token,
    response=BriefingDetail,
    summary="保存文字实录和链接",
)
def put_record(request, briefing_id: int, payload: RecordIn):
    item = _staff(request, briefing_id)
    services.save_record(
        actor=request.auth,
        briefing=item,
        transcript=payload.transcript,
        media_links=[m.dict() for m in payload.media_links],
    )
    return _staff(request, briefing_id)


@router.post(
    "/{int:briefing_id}/publish", auth=staff_token, response=BriefingDetail, summary="发布实录"
)
def publish(request, briefing_id: int):
    return _staff.act(
        request,
        briefing_id,
        lambda item: services.publish_briefing(actor=request.auth, briefing=item),
    )
