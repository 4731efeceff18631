"""政务舆情. Public: the published responses (回应关切) — never the captured items, their
sentiment or the internal clocks. Staff (token): the events they may see (responsible or
involved agency; the general office all), one event with its clocks, responses and sentiment
summary, and the acts of the workbench through the same services: register an event, record
a response, change the level, hand to another agency, capture items, close with the
evaluation."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.kernel.orgs.selectors import public_agencies
from sunshine.participation.opinion import selectors, services

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["opinion"])


def _local(value):
    return timezone.localtime(value) if value else None


# --- Public ------------------------------------------------------------------------------


class PublicResponseOut(Schema):
    id: int
    event_id: int
    event_title: str
    agency_name: str
    kind: str
    kind_label: str
    channel: str
    channel_label: str
    responded_at: dt.datetime
    text: str
    source_url: str
    url: str

    @staticmethod
    def resolve_event_title(obj) -> str:
        return obj.event.title

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_channel_label(obj) -> str:
        return str(obj.get_channel_display())

    @staticmethod
    def resolve_responded_at(obj):
        return _local(obj.responded_at)

    @staticmethod
    def resolve_source_url(obj) -> str:
        return obj.url

    @staticmethod
    def resolve_url(obj) -> str:
        page = portal_url("opinion_detail", obj.event_id)
        return f"{page}#r{obj.pk}" if page else ""


class PublicResponsePage(Schema):
    count: int
    items: list[PublicResponseOut]


@router.get("/responses", response=PublicResponsePage, summary="回应关切（已公开的舆情回应）")
def list_responses(
    request,
    agency: int | None = id_param("只看该机关及其下级机关的回应"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    within = None
    if agency is not None:
        within = public_agencies().filter(pk=agency).first()
        if within is None:
            raise NotFound(_("没有该机关。"))
    items = selectors.public_responses(agency=within)
    return page(items, limit, offset)


# --- Staff -------------------------------------------------------------------------------


class OpinionClockOut(Schema):
    rule: str
    label: str
    agency_id: int
    due_at: dt.datetime
    state: str
    urgency: str
    met_deadline: bool | None
    outcome: str

    @staticmethod
    def resolve_label(obj) -> str:
        return obj.rule_label

    @staticmethod
    def resolve_due_at(obj):
        return _local(obj.due_at)


class EventOut(Schema):
    id: int
    title: str
    level: str
    level_label: str
    state: str
    source: str
    first_seen_at: dt.datetime
    involved_agency_id: int
    responsible_agency_id: int
    responsible_agency_name: str
    item_count: int
    negative_count: int
    neutral_count: int
    positive_count: int
    open_clocks: list[OpinionClockOut]

    @staticmethod
    def resolve_level_label(obj) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_first_seen_at(obj):
        return _local(obj.first_seen_at)

    @staticmethod
    def resolve_responsible_agency_name(obj) -> str:
        return obj.responsible_agency.name

    @staticmethod
    def resolve_open_clocks(obj) -> list:
        found = getattr(obj, "open_clocks", None)
        if found is None:
            found = [c for c in selectors.event_clocks(obj) if c.state != "stopped"]
        return found


class ResponseOut(Schema):
    id: int
    kind: str
    channel: str
    responded_at: dt.datetime
    text: str
    url: str
    agency_id: int
    is_published: bool
    on_time: bool | None

    @staticmethod
    def resolve_responded_at(obj):
        return _local(obj.responded_at)


class SentimentRow(Schema):
    label: str
    count: int
    share: float


class EventDetail(EventOut):
    summary: str
    source_url: str
    sentiment_mean: float | None
    evaluation_score: int | None
    evaluation_text: str
    clocks: list[OpinionClockOut]
    responses: list[ResponseOut]
    sentiment: list[SentimentRow]

    @staticmethod
    def resolve_clocks(obj) -> list:
        return selectors.event_clocks(obj)

    @staticmethod
    def resolve_responses(obj) -> list:
        return list(selectors.event_responses(obj))

    @staticmethod
    def resolve_sentiment(obj) -> list:
        return selectors.sentiment_summary(obj)


class EventPage(Schema):
    count: int
    items: list[EventOut]


class EventIn(Schema):
    title: str
    involved_agency_id: int
    level: str
    source: str
    first_seen_at: dt.datetime
    summary: str = ""
    source_url: str = ""


class ResponseIn(Schema):
    kind: str
    channel: str
    text: str
    url: str = ""
    responded_at: dt.datetime | None = None
    publish: bool = True


class LevelIn(Schema):
    level: str
    reason: str


class ReassignIn(Schema):
    agency_id: int
    reason: str


class EventCloseIn(Schema):
    evaluation_score: int
    evaluation_text: str


class ItemIn(Schema):
    text: str
    source: str = "other"
    url: str = ""
    author_label: str = ""
    captured_at: dt.datetime


class ItemsIn(Schema):
    items: list[ItemIn]


class CaptureOut(Schema):
    created: int
    skipped: int


_event = StaffLookup(
    selectors.event_for_staff, gettext_lazy("该舆情事件不存在，或不在您的权限范围内。")
)


def _agency(agency_id: int, field: str):
    agency = public_agencies().filter(pk=agency_id).first()
    if agency is None:
        raise ValidationError({field: [_("没有该机关。")]})
    return agency


@router.get("/events", auth=staff_token, response=EventPage, summary="舆情事件列表（工作人员）")
def list_events(
    request,
    state: str | None = Query(None, description="open, responding, closed"),
    level: str | None = Query(None, description="major_emergency, hot_issue, other"),
    overdue: bool = Query(False, description="只看有逾期时限的事件"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    events = selectors.staff_events(request.auth, state=state, level=level, overdue=overdue)
    return page(events, limit, offset)


@router.get(
    "/events/{int:event_id}", auth=staff_token, response=EventDetail, summary="舆情事件详情"
)
def get_event(request, event_id: int):
    return _event(request, event_id)


@router.post("/events", auth=staff_token, response={201: EventDetail}, summary="登记舆情事件")
def create_event(request, payload: EventIn):
    data = payload.dict()
    agency = _agency(data.pop("involved_agency_id"), "involved_agency_id")
    event = services.create_event(actor=request.auth, involved_agency=agency, **data)
    return Status(201, _event(request, event.pk))


@router.post(
    "/events/{int:event_id}/responses",
    auth=staff_token,
    response={201: ResponseOut},
    summary="登记回应（权威信息、新闻发布会、回应）",
)
def respond(request, event_id: int, payload: ResponseIn):
    response = services.record_response(
        event=_event(request, event_id), actor=request.auth, **payload.dict()
    )
    return Status(201, response)


@router.post(
    "/events/{int:event_id}/level", auth=staff_token, response=EventDetail, summary="调整舆情级别"
)
def change_level(request, event_id: int, payload: LevelIn):
    services.change_level(event=_event(request, event_id), actor=request.auth, **payload.dict())
    return _event(request, event_id)


@router.post(
    "/events/{int:event_id}/reassign",
    auth=staff_token,
    response=EventDetail,
    summary="变更责任单位（办公厅）",
)
def reassign(request, event_id: int, payload: ReassignIn):
    services.change_responsible_agency(
        event=_event(request, event_id),
        actor=request.auth,
        agency=_agency(payload.agency_id, "agency_id"),
        reason=payload.reason,
    )
    return _event(request, event_id)


@router.post(
    "/events/{int:event_id}/items",
    auth=staff_token,
    response={201: CaptureOut},
    summary="录入舆情信息（计算情感倾向）",
)
def capture(request, event_id: int, payload: ItemsIn):
    result = services.capture_items(
        event=_event(request, event_id),
        actor=request.auth,
        items=[item.dict() for item in payload.items],
    )
    return Status(201, result)


@router.post(
    "/events/{int:event_id}/close", auth=staff_token, response=EventDetail, summary="办结并评估"
)
def close(request, event_id: int, payload: EventCloseIn):
    services.close_event(event=_event(request, event_id), actor=request.auth, **payload.dict())
    return _event(request, event_id)
