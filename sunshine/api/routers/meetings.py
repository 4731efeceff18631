"""会议公开: public meetings (list, detail, the published draw with its inputs), and staff
actions (create, seats, open applications, draw, mark held, publish results) that call the same
services as the workbench."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.kernel.orgs.selectors import public_agencies
from sunshine.participation.meetings import selectors, services
from sunshine.participation.meetings.choices import MeetingKind, MeetingOpenness, MeetingState

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["meetings"])


class SeatOut(Schema):
    category: str
    label: str
    seats: int
    applied: int


class MeetingOut(Schema):
    id: int
    title: str
    kind: str  # meeting, hearing 听证会, symposium 座谈会, consultation 咨询协商
    agency_id: int
    agency_name: str
    starts_at: dt.datetime
    place: str
    openness: str
    publish_modes: list[str]
    state: str
    state_label: str
    applications_close_at: dt.datetime | None
    url: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_starts_at(obj):
        return timezone.localtime(obj.starts_at)

    @staticmethod
    def resolve_applications_close_at(obj):
        close_at = obj.applications_close_at
        return timezone.localtime(close_at) if close_at else None

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("meetings_detail", obj.pk)


class MeetingDetail(MeetingOut):
    description: str
    live_url: str
    announced_number: str
    seats: list[SeatOut]
    minutes: str
    decisions: str
    published_at: dt.datetime | None

    @staticmethod
    def resolve_seats(obj) -> list[dict]:
        return [{**r, "label": str(r["label"])} for r in selectors.seat_rows(obj)]

    @staticmethod
    def resolve_minutes(obj) -> str:
        return obj.minutes if obj.state == MeetingState.PUBLISHED else ""

    @staticmethod
    def resolve_decisions(obj) -> str:
        return obj.decisions if obj.state == MeetingState.PUBLISHED else ""


class MeetingPage(Schema):
    count: int
    items: list[MeetingOut]


class DrawOut(Schema):
    meeting_id: int
    method: str
    announced_number: str
    canonical_inputs: str
    inputs_digest: str
    seed_hex: str
    seats: dict[str, int]
    selected: dict[str, list[int]]
    python_version: str
    drawn_at: dt.datetime
    verify_command: str


@router.get("", response=MeetingPage, summary="公开会议列表")
def list_meetings(
    request,
    state: str | None = Query(None, description="applications_open, drawn, held, published"),
    agency: int | None = id_param("只看该机关及其下级机关的会议"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    within = None
    if agency is not None:
        within = public_agencies().filter(pk=agency).first()
        if within is None:
            raise NotFound(_("没有该机关。"))
    items = selectors.public_meetings(state=state or None, agency=within)
    return page(items, limit, offset)


def _public(meeting_id: int):
    meeting = selectors.meeting_for_public(meeting_id)
    if meeting is None:
        raise NotFound(_("该会议不存在或不公开。"))
    return meeting


@router.get("/{int:meeting_id}", response=MeetingDetail, summary="会议详情（列席安排、纪要、决定）")
def get_meeting(request, meeting_id: int):
    return _public(meeting_id)


def _draw_out(meeting, draw: dict) -> dict:
    return {
        "meeting_id": meeting.pk,
        "method": draw["method"],
        "announced_number": draw["announced_number"],
        "canonical_inputs": draw["canonical_inputs"],
        "inputs_digest": draw["inputs_digest"],
        "seed_hex": draw["seed_hex"],
        "seats": draw["seats"],
        "selected": {c["category"]: c["selected"] for c in draw["categories"]},
        "python_version": draw["python_version"],
        "drawn_at": timezone.localtime(draw["result"].created_at),
        "verify_command": draw["command"],
    }


@router.get("/{int:meeting_id}/draw", response=DrawOut, summary="列席抽签：方法、输入和结果")
def get_draw(request, meeting_id: int):
    meeting = _public(meeting_id)
    draw = selectors.public_draw(meeting)
    if draw is None:
        raise NotFound(_("该会议尚未抽签。"))
    return _draw_out(meeting, draw)


# --- Staff -------------------------------------------------------------------------------


class MeetingCreate(Schema):
    agency_id: int
    title: str
    kind: str = MeetingKind.MEETING  # hearing 听证会, symposium 座谈会, consultation 咨询协商
    starts_at: dt.datetime
    place: str = ""
    description: str = ""
    openness: str = MeetingOpenness.PUBLIC
    publish_modes: list[str] = []
    applications_close_at: dt.datetime | None = None
    live_url: str = ""


class SeatsIn(Schema):
    seats: dict[str, int]


class OpenIn(Schema):
    announced_number: str


class ResultsIn(Schema):
    minutes: str
    decisions: str = ""


class MeetingApplicationOut(Schema):
    id: int
    category: str
    name: str
    contact: str
    reason: str
    status: str
    created_at: dt.datetime


class StaffMeetingOut(MeetingDetail):
    pass


_staff = StaffLookup(
    selectors.meeting_for_staff, gettext_lazy("该会议不存在，或不在您的权限范围内。")
)


@router.post("", auth=staff_token, response={201: StaffMeetingOut}, summary="创建会议")
def create_meeting(request, payload: MeetingCreate):
    agency = public_agencies().filter(pk=payload.agency_id).first()
    if agency is None:
        raise ValidationError({"agency_id": [_("没有该机关。")]})
    data = payload.dict(exclude={"agency_id"})
    meeting = services.create_meeting(actor=request.auth, agency=agency, **data)
    return Status(201, meeting)


@router.put(
    "/{int:meeting_id}/seats", auth=staff_token, response=StaffMeetingOut, summary="设置列席名额"
)
def put_seats(request, meeting_id: int, payload: SeatsIn):
    return _staff.act(
        request,
        meeting_id,
        lambda meeting: services.set_seats(
            actor=request.auth, meeting=meeting, seats=payload.seats
        ),
    )


@router.post(
    "/{int:meeting_id}/open", auth=staff_token, response=StaffMeetingOut, summary="开放列席报名"
)
def open_applications(request, meeting_id: int, payload: OpenIn):
    return _staff.act(
        request,
        meeting_id,
        lambda meeting: services.open_applications(
            actor=request.auth, meeting=meeting, announced_number=payload.announced_number
        ),
    )


@router.post("/{int:meeting_id}/draw", auth=staff_token, response=DrawOut, summary="截止报名并抽签")
def run_draw(request, meeting_id: int):
    meeting = _staff(request, meeting_id)
    services.close_and_draw(meeting=meeting, actor=request.auth)
    meeting = _staff(request, meeting_id)
    return _draw_out(meeting, selectors.public_draw(meeting))


@router.post(
    "/{int:meeting_id}/held", auth=staff_token, response=StaffMeetingOut, summary="标记已召开"
)
def mark_held(request, meeting_id: int):
    return _staff.act(
        request, meeting_id, lambda meeting: services.mark_held(actor=request.auth, meeting=meeting)
    )


@router.post(
    "/{int:meeting_id}/results",
    auth=staff_token,
    response=StaffMeetingOut,
    summary="公开会议纪要和决定",
)
def publish_results(request, meeting_id: int, payload: ResultsIn):
    return _staff.act(
        request,
        meeting_id,
        lambda meeting: services.publish_results(
            actor=request.auth,
            meeting=meeting,
            minutes=payload.minutes,
            decisions=payload.decisions,
        ),
    )


@router.get(
    "/{int:meeting_id}/applications",
    auth=staff_token,
    response=list[MeetingApplicationOut],
    summary="列席报名名单（工作人员）",
)
def list_applications(request, meeting_id: int):
    meeting = _staff(request, meeting_id)
    return list(selectors.applications_for_staff(meeting))
