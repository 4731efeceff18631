"""Writes of 政务公开培训: courses, sessions and attendance. Each is one transaction with its
audit event; permissions through the kernel access policy ("training.manage" on the agency
concerned: a course's or session's organiser, the person's agency for an attendance). A
province-wide session (no agency) is the general office's: only a global role (督查, 系统管理员)
may create it.

Attendance is keyed by (session, person): recording it again updates it, so importing the
same CSV twice changes nothing the second time."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.ratings.text import clean_text

from .choices import (
    CERTIFICATE_MAX,
    MAX_HOURS,
    PLACE_MAX,
    PROVIDER_MAX,
    TITLE_MAX,
    TOPIC_MAX,
    AttendanceStatus,
)
from .models import Attendance, Course, Session


def parse_hours(value, *, field: str = "hours", limit: Decimal = MAX_HOURS) -> Decimal:
    """学时: a number with at most one decimal, above 0 and at most `limit`."""
    text = str(value if value is not None else "").strip()
    if not text:
        raise ValidationError({field: _("请填写学时。")})
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise ValidationError({field: _("学时应为数字，例如 2 或 1.5。")}) from None
    if not hours.is_finite() or hours <= 0:
        raise ValidationError({field: _("学时应大于 0。")})
    if hours > limit:
        raise ValidationError({field: _("学时不能超过 %(n)s。") % {"n": limit}})
    if hours != hours.quantize(Decimal("0.1")):
        raise ValidationError({field: _("学时最多保留一位小数。")})
    return hours.quantize(Decimal("0.1"))


def _date(value, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValidationError({field: _("请填写有效日期（YYYY-MM-DD）。")}) from None


@transaction.atomic
def create_course(*, actor, agency, title, provider, topic, hours) -> Course:
    require(actor, "training.manage", agency)
    course = Course.objects.create(
        agency=agency,
        title=clean_text(
            title, field="title", label=_("课程名称"), max_length=TITLE_MAX, required=True
        ),
        provider=clean_text(
            provider, field="provider", label=_("授课单位"), max_length=PROVIDER_MAX, required=True
        ),
        topic=clean_text(
            topic, field="topic", label=_("专题"), max_length=TOPIC_MAX, required=True
        ),
        hours=parse_hours(hours),
        created_by=actor,
        created_at=clock.now(),
    )
    record_event(
        action="training.course.create",
        actor=actor,
        obj=course,
        agency=agency,
        summary=course.title,
        after={"hours": str(course.hours), "provider": course.provider, "topic": course.topic},
    )
    return course


@transaction.atomic
def create_session(
    *, actor, course, organizer, date, agency=None, online=False, place="", hours=None
) -> Session:
    """A 班次 of `course` run by `organizer`, for `agency`'s staff or (agency None) 全省."""
    require(actor, "training.manage", organizer)
    if agency is None:
        if not can(actor, "training.manage", None):
            raise PermissionDenied(_("全省范围的培训班次由省政府办公厅设立。"))
    else:
        require(actor, "training.manage", agency)
    day = _date(date, "date")
    place = clean_text(place, field="place", label=_("培训地点"), max_length=PLACE_MAX)
    if not online and not place:
        raise ValidationError({"place": _("线下培训请填写培训地点；线上培训请勾选“线上培训”。")})
    session = Session.objects.create(
        course=course,
        organizer=organizer,
        agency=agency,
        date=day,
        online=bool(online),
        place=place,
        hours=parse_hours(course.hours if hours in (None, "") else hours),
        created_by=actor,
        created_at=clock.now(),
    )
    record_event(
        action="training.session.create",
        actor=actor,
        obj=session,
        agency=agency or organizer,
        summary=str(session),
        after={"date": day.isoformat(), "online": session.online, "hours": str(session.hours)},
    )
    return session


def check_person(session: Session, person, *, field: str = "person") -> None:
    """Whether `person` may be recorded at `session`: an active staff member with an agency,
    within the session's agency (a province-wide session takes anyone's staff)."""
    if person is None or not person.is_government_staff or not person.is_active:
        raise ValidationError({field: _("参训人员应为在职的工作人员。")})
    if person.agency_id is None:
        raise ValidationError({field: _("该工作人员未登记所属机关。")})
    if session.agency_id is not None and not person.agency.is_within(session.agency):
        raise ValidationError(
            {field: _("该班次面向%(agency)s，此人不属于该机关。") % {"agency": session.agency.name}}
        )


def _attendance_values(session: Session, *, status, hours, certificate) -> dict:
    if status not in AttendanceStatus.values:
        raise ValidationError({"status": _("状态应为“参训”或“缺席”。")})
    if status == AttendanceStatus.ABSENT:
        credited = Decimal("0.0")
    else:
        credited = session.hours if hours in (None, "") else parse_hours(hours, limit=session.hours)
    certificate = clean_text(
        certificate, field="certificate", label=_("证书编号"), max_length=CERTIFICATE_MAX
    )
    if status == AttendanceStatus.ABSENT and certificate:
        raise ValidationError({"certificate": _("缺席人员不能登记证书编号。")})
    return {"status": status, "hours": credited, "certificate": certificate}


def _save_attendance(*, actor, session: Session, person, values: dict, source: str):
    """Create or update; returns (attendance, "created" | "updated" | "unchanged")."""
    existing = Attendance.objects.filter(session=session, person=person).first()
    now = clock.now()
    if existing is None:
        row = Attendance.objects.create(
            session=session,
            person=person,
            agency=person.agency,
            recorded_by=actor,
            recorded_at=now,
            **values,
        )
        outcome, before = "created", None
    else:
        before = {k: str(getattr(existing, k)) for k in values}
        if before == {k: str(v) for k, v in values.items()}:
            return existing, "unchanged"
        for key, value in values.items():
            setattr(existing, key, value)
        existing.recorded_by, existing.recorded_at = actor, now
        existing.save()
        row, outcome = existing, "updated"
    record_event(
        action="training.attendance.record",
        actor=actor,
        obj=row,
        agency=row.agency,
        summary=f"{person} · {session}"[:300],
        data={"source": source, "outcome": outcome},
        before=before,
        after={k: str(v) for k, v in values.items()},
    )
    return row, outcome


@transaction.atomic
def record_attendance(
    *, actor, session: Session, person, status=AttendanceStatus.ATTENDED, hours=None, certificate=""
) -> Attendance:
    """Record (or correct) one person's attendance. The actor manages the person's agency."""
    check_person(session, person)
    require(actor, "training.manage", person.agency)
    values = _attendance_values(session, status=status, hours=hours, certificate=certificate)
    row, _outcome = _save_attendance(
        actor=actor, session=session, person=person, values=values, source="form"
    )
    return row
