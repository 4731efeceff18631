"""政务公开培训 for staff with a token: the 3-year coverage of the agencies in the caller's
scope (the untrained listed), a person's training record, and recording one attendance with
the same services as the workbench (CSV imports stay on the workbench: a kernel FileJob)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema

from sunshine.assessment.training import selectors, services
from sunshine.kernel import clock

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound

router = Router(tags=["training"])


class TrainingPersonRow(Schema):
    id: int
    name: str
    last_trained: dt.date | None
    hours: Decimal
    covered: bool


class TrainingCoverageOut(Schema):
    agency_id: int
    agency_name: str
    on_date: dt.date
    start: dt.date
    end: dt.date
    staff: int
    trained: int
    rate: Decimal | None
    untrained: list[TrainingPersonRow]


class TrainingAttendanceRow(Schema):
    session_id: int
    date: dt.date
    course: str
    status: str
    hours: Decimal
    certificate: str


class TrainingRecordOut(Schema):
    person_id: int
    name: str
    agency_name: str
    total_hours: Decimal
    window_hours: Decimal
    last_trained: dt.date | None
    covered_until: dt.date | None
    covered: bool
    attendances: list[TrainingAttendanceRow]


class TrainingAttendanceIn(Schema):
    person_id: int
    status: str = "attended"
    hours: str = ""
    certificate: str = ""


class TrainingOnQuery(Schema):
    on: dt.date | None = None


def _coverage(cov) -> dict:
    return {
        "agency_id": cov.agency_id,
        "agency_name": cov.agency_name,
        "on_date": cov.on_date,
        "start": cov.start,
        "end": cov.end,
        "staff": cov.staff,
        "trained": cov.trained,
        "rate": cov.rate,
        "untrained": [
            {"id": p.id, "name": p.name, "last_trained": None, "hours": p.hours, "covered": False}
            for p in cov.untrained
        ],
    }


def _record(person) -> dict:
    r = selectors.person_record(person, clock.today())
    return {
        "person_id": person.pk,
        "name": str(person),
        "agency_name": person.agency.name,
        "total_hours": r.total_hours,
        "window_hours": r.window_hours,
        "last_trained": r.last_trained,
        "covered_until": r.covered_until,
        "covered": r.covered,
        "attendances": [
            {
                "session_id": a.session_id,
                "date": a.session.date,
                "course": a.session.course.title,
                "status": a.status,
                "hours": a.hours,
                "certificate": a.certificate,
            }
            for a in r.attendances
        ],
    }


@router.get("/coverage", auth=staff_token, response=list[TrainingCoverageOut], summary="培训覆盖率")
def coverage_list(request, q: Query[TrainingOnQuery]):
    """Every agency in the caller's scope with staff: who was trained within the 3 years
    ending on `on` (default today; the window's first day is the day after the same date
    three years before)."""
    on = q.on or clock.today()
    return [_coverage(c) for c in selectors.coverage_for_staff(request.auth, on)]


@router.get(
    "/coverage/{int:agency_id}",
    auth=staff_token,
    response=TrainingCoverageOut,
    summary="一个机关的培训覆盖",
)
def coverage_one(request, agency_id: int, q: Query[TrainingOnQuery]):
    agency = selectors.agency_for_staff(request.auth, agency_id)
    if agency is None:
        raise NotFound(_("该机关不存在，或不在您的权限范围内。"))
    return _coverage(selectors.coverage(agency, q.on or clock.today()))


_person = StaffLookup(
    selectors.person_for_staff, gettext_lazy("该人员不存在，或不在您的权限范围内。")
)


@router.get(
    "/people/{int:person_id}", auth=staff_token, response=TrainingRecordOut, summary="个人培训记录"
)
def person_record(request, person_id: int):
    return _record(_person(request, person_id))


_session = StaffLookup(
    selectors.session_for_staff, gettext_lazy("该培训班次不存在，或不在您的权限范围内。")
)


@router.post(
    "/sessions/{int:session_id}/attendance",
    auth=staff_token,
    response=TrainingRecordOut,
    summary="登记参训",
)
def record_attendance(request, session_id: int, payload: TrainingAttendanceIn):
    session = _session(request, session_id)
    person = selectors.staff_choices(request.auth, session).filter(pk=payload.person_id).first()
    if person is None:
        raise ValidationError({"person_id": [_("没有该工作人员，或不在您的管理范围内。")]})
    services.record_attendance(
        actor=request.auth,
        session=session,
        person=person,
        status=payload.status,
        hours=payload.hours,
        certificate=payload.certificate,
    )
    return _record(person)
