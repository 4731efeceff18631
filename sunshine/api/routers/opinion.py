"""政务舆情. Public: the published responses (回应关切) — never the captured items, their
sentiment or the internal clocks. Staff (token): the events they may see (responsible or
involved agency; the general office all), one event with its clocks, responses and sentiment
summary, and the acts of the workbench through the same services: register an event, record
a response, change the level, hand to another agency, capture items, close with the
evaluation. 研判 (`/events/{id}/analyses`) and 会商 (`/events/{id}/coordinations`,
`/coordinations/{id}` for the convenor's side; `/coordination-parts` for an invited agency,
which sees and answers only its own part). A first response without the 研判 its level needs
is refused with 409 `{"detail": ..., "missing": ["analysis"]}`."""

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
    analysis_required: bool
    analysis_missing: bool
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

    @staticmethod
    def resolve_analysis_required(obj) -> bool:
        return services.analysis_required(obj)

    @staticmethod
    def resolve_analysis_missing(obj) -> bool:
        return services.analysis_missing(obj)


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


class AnalysisMissingOut(Schema):
    """409: a first response before the 研判 the event's level requires."""

    detail: str
    missing: list[str]


def _analysis_missing(exc) -> Status:
    return Status(409, {"detail": exc.messages[0], "missing": ["analysis"]})


@router.post(
    "/events/{int:event_id}/responses",
    auth=staff_token,
    response={201: ResponseOut, 409: AnalysisMissingOut},
    summary="登记回应（权威信息、新闻发布会、回应）；首次回应前须有研判（409）",
)
def respond(request, event_id: int, payload: ResponseIn):
    try:
        response = services.record_response(
            event=_event(request, event_id), actor=request.auth, **payload.dict()
        )
    except services.AnalysisRequired as exc:
        return _analysis_missing(exc)
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


# --- 研判 ----------------------------------------------------------------------------------


class AnalysisOut(Schema):
    id: int
    event_id: int
    agency_id: int
    level: str
    previous_level: str
    level_changed: bool
    level_reason: str
    trend: str
    trend_label: str
    concerns: str
    method: str
    method_label: str
    talking_points: str
    coordination_id: int | None
    analysed_by: str
    analysed_at: dt.datetime

    @staticmethod
    def resolve_trend_label(obj) -> str:
        return str(obj.get_trend_display())

    @staticmethod
    def resolve_method_label(obj) -> str:
        return str(obj.get_method_display())

    @staticmethod
    def resolve_analysed_by(obj) -> str:
        return str(obj.analysed_by)

    @staticmethod
    def resolve_analysed_at(obj):
        return _local(obj.analysed_at)


class AnalysisIn(Schema):
    level: str
    trend: str
    concerns: str
    method: str
    talking_points: str = ""
    level_reason: str = ""
    coordination_id: int | None = None


@router.get(
    "/events/{int:event_id}/analyses",
    auth=staff_token,
    response=list[AnalysisOut],
    summary="研判记录（最新在前）",
)
def list_analyses(request, event_id: int):
    return list(selectors.event_analyses(_event(request, event_id)))


@router.post(
    "/events/{int:event_id}/analyses",
    auth=staff_token,
    response={201: AnalysisOut},
    summary="记录研判（级别、走势、主要关切、建议回应方式和口径）",
)
def analyse(request, event_id: int, payload: AnalysisIn):
    event = _event(request, event_id)
    data = payload.dict()
    coordination_id = data.pop("coordination_id")
    coordination = None
    if coordination_id is not None:
        coordination = selectors.coordination_for_staff(request.auth, coordination_id)
        if coordination is None:
            raise ValidationError({"coordination_id": [_("没有该会商。")]})
    analysis = services.record_analysis(
        event=event, actor=request.auth, coordination=coordination, **data
    )
    return Status(201, analysis)


# --- 会商 ----------------------------------------------------------------------------------


class PartClockOut(Schema):
    due_at: dt.datetime | None
    urgency: str | None
    met_deadline: bool | None


def _part_clock(part) -> dict:
    clock = getattr(part, "clock", None)
    return {
        "due_at": _local(clock.due_at) if clock else None,
        "urgency": getattr(part, "reply_urgency", None),
        "met_deadline": clock.met_deadline if clock else None,
    }


class PartOut(Schema):
    """One invited agency's part, as its staff see it (and the convenor)."""

    id: int
    coordination_id: int
    agency_id: int
    agency_name: str
    question: str
    state: str
    state_label: str
    answer: str
    answered_at: dt.datetime | None
    clock: PartClockOut

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_answered_at(obj):
        return _local(obj.answered_at)

    @staticmethod
    def resolve_clock(obj) -> dict:
        return _part_clock(obj)


class InvitedPartOut(PartOut):
    """An invited agency's view: its part with the 会商's topic and brief and the event's
    title and level — never the other parts."""

    topic: str
    brief: str
    convenor_agency_name: str
    event_title: str
    event_level: str

    @staticmethod
    def resolve_topic(obj) -> str:
        return obj.coordination.topic

    @staticmethod
    def resolve_brief(obj) -> str:
        return obj.coordination.brief

    @staticmethod
    def resolve_convenor_agency_name(obj) -> str:
        return obj.coordination.convenor_agency.name

    @staticmethod
    def resolve_event_title(obj) -> str:
        return obj.coordination.event.title

    @staticmethod
    def resolve_event_level(obj) -> str:
        return obj.coordination.event.level


class InvitedPartRow(Schema):
    id: int
    coordination_id: int
    topic: str
    event_title: str
    agency_id: int
    state: str
    invited_at: dt.datetime
    due_at: dt.datetime | None
    urgency: str | None

    @staticmethod
    def resolve_topic(obj) -> str:
        return obj.coordination.topic

    @staticmethod
    def resolve_event_title(obj) -> str:
        return obj.coordination.event.title

    @staticmethod
    def resolve_invited_at(obj):
        return _local(obj.invited_at)

    @staticmethod
    def resolve_due_at(obj):
        return _local(getattr(obj, "reply_due_at", None))

    @staticmethod
    def resolve_urgency(obj):
        return getattr(obj, "reply_urgency", None)


class InvitedPartPage(Schema):
    count: int
    items: list[InvitedPartRow]


class CoordinationSummaryOut(Schema):
    id: int
    event_id: int
    topic: str
    state: str
    state_label: str
    convenor_agency_id: int
    hours: int
    opened_at: dt.datetime
    response_id: int | None

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_opened_at(obj):
        return _local(obj.opened_at)


class CoordinationOut(CoordinationSummaryOut):
    brief: str
    convenor_agency_name: str
    joint_response: str
    concluded_at: dt.datetime | None
    parts: list[PartOut]

    @staticmethod
    def resolve_convenor_agency_name(obj) -> str:
        return obj.convenor_agency.name

    @staticmethod
    def resolve_concluded_at(obj):
        return _local(obj.concluded_at)

    @staticmethod
    def resolve_parts(obj) -> list:
        return selectors.coordination_parts(obj)


class InvitationIn(Schema):
    agency_id: int
    question: str


class CoordinationIn(Schema):
    topic: str
    brief: str = ""
    hours: int | None = None
    invitations: list[InvitationIn]


class ConcludeIn(Schema):
    joint_response: str


class PublishJointIn(Schema):
    kind: str = "response"
    channel: str = "website"
    url: str = ""
    responded_at: dt.datetime | None = None


class CoordinationAnswerIn(Schema):
    answer: str


_coordination = StaffLookup(
    selectors.coordination_for_staff, gettext_lazy("该会商不存在，或不在您的权限范围内。")
)
_part = StaffLookup(
    selectors.part_for_staff, gettext_lazy("该会商事项不存在，或不是邀请贵单位答复的。")
)


@router.get(
    "/events/{int:event_id}/coordinations",
    auth=staff_token,
    response=list[CoordinationSummaryOut],
    summary="事件的会商",
)
def list_coordinations(request, event_id: int):
    return list(selectors.event_coordinations(_event(request, event_id)))


@router.post(
    "/events/{int:event_id}/coordinations",
    auth=staff_token,
    response={201: CoordinationOut},
    summary="发起会商并邀请单位（各单位按小时计时答复）",
)
def open_coordination(request, event_id: int, payload: CoordinationIn):
    event = _event(request, event_id)
    invitations = [
        {
            "agency": _agency(item.agency_id, f"invitations.{n}.agency_id"),
            "question": item.question,
        }
        for n, item in enumerate(payload.invitations)
    ]
    coordination = services.open_coordination(
        event=event,
        actor=request.auth,
        topic=payload.topic,
        brief=payload.brief,
        hours=payload.hours,
        invitations=invitations,
    )
    return Status(201, _coordination(request, coordination.pk))


@router.get(
    "/coordinations/{int:coordination_id}",
    auth=staff_token,
    response=CoordinationOut,
    summary="会商详情（牵头方：各单位的答复）",
)
def get_coordination(request, coordination_id: int):
    return _coordination(request, coordination_id)


@router.post(
    "/coordinations/{int:coordination_id}/invitations",
    auth=staff_token,
    response={201: CoordinationOut},
    summary="邀请单位参加会商",
)
def invite(request, coordination_id: int, payload: InvitationIn):
    coordination = _coordination(request, coordination_id)
    services.invite_agency(
        coordination=coordination,
        actor=request.auth,
        agency=_agency(payload.agency_id, "agency_id"),
        question=payload.question,
    )
    return Status(201, _coordination(request, coordination_id))


@router.post(
    "/coordinations/{int:coordination_id}/conclude",
    auth=staff_token,
    response=CoordinationOut,
    summary="形成联合回应（统一口径）",
)
def conclude(request, coordination_id: int, payload: ConcludeIn):
    return _coordination.act(
        request,
        coordination_id,
        lambda c: services.conclude_coordination(
            coordination=c, actor=request.auth, joint_response=payload.joint_response
        ),
    )


@router.post(
    "/coordinations/{int:coordination_id}/publish",
    auth=staff_token,
    response={201: ResponseOut, 409: AnalysisMissingOut},
    summary="将联合回应登记为本事件的回应并公开",
)
def publish_joint(request, coordination_id: int, payload: PublishJointIn):
    try:
        response = services.publish_joint_response(
            coordination=_coordination(request, coordination_id),
            actor=request.auth,
            **payload.dict(),
        )
    except services.AnalysisRequired as exc:
        return _analysis_missing(exc)
    return Status(201, response)


@router.get(
    "/coordination-parts",
    auth=staff_token,
    response=InvitedPartPage,
    summary="邀请本单位答复的会商（受邀单位）",
)
def list_parts(
    request,
    pending: bool = Query(True, description="只看待答复的"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    return page(selectors.parts_for_user(request.auth, pending=pending), limit, offset)


@router.get(
    "/coordination-parts/{int:part_id}",
    auth=staff_token,
    response=InvitedPartOut,
    summary="本单位须答复的会商问题",
)
def get_part(request, part_id: int):
    return _part(request, part_id)


@router.post(
    "/coordination-parts/{int:part_id}/answer",
    auth=staff_token,
    response=InvitedPartOut,
    summary="答复会商（受邀单位）",
)
def answer(request, part_id: int, payload: CoordinationAnswerIn):
    return _part.act(
        request,
        part_id,
        lambda part: services.answer_part(part=part, actor=request.auth, answer=payload.answer),
    )
