"""Reads of 政务公开培训, scoped by the kernel access policy, and the 3-year coverage.

Coverage (rules.md §12, the 2016 notice: 在 3 年内将…工作人员轮训一遍): on a day D, an agency's
staff are its active staff accounts whose 所属机关 is that agency (not its sub-agencies: each
agency answers for its own people). A person is covered on D when they attended (状态 参训) a
session dated within the rolling window (D − 3 years, D]:

- the window's first day is the day after the same date three years earlier (29 February
  counts from 28 February three years earlier, so the window starts on 1 March), its last day
  is D itself;
- so on 2026-12-07 a session of 2023-12-08 counts and one of 2023-12-07 (exactly three years
  before) no longer does; a session dated after D does not count yet.

`coverage(agency, on_date)` is the figure the assessment scores register as an indicator
(docs/training-and-workplans.md): its `rate` is trained / staff as a Decimal 0..1 (None for an
agency with no staff), and `people` is the evidence, every staff member with their last
training date and whether they are covered."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum

from sunshine.kernel.access.policy import agencies_for, can, scope

from .choices import COVERAGE_YEARS, AttendanceStatus
from .models import Attendance, Course, Session


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def window(on_date: dt.date, years: int = COVERAGE_YEARS) -> tuple[dt.date, dt.date]:
    """The first and last day (both counted) of the rolling window ending on `on_date`."""
    return _years_back(on_date, years) + dt.timedelta(days=1), on_date


@dataclass(frozen=True)
class CoveredPerson:
    id: int
    name: str
    email: str
    last_trained: dt.date | None  # within the window
    hours: Decimal  # hours credited within the window

    @property
    def covered(self) -> bool:
        return self.last_trained is not None


@dataclass(frozen=True)
class Coverage:
    agency_id: int
    agency_name: str
    on_date: dt.date
    start: dt.date  # the window's first day (counted)
    end: dt.date  # = on_date
    staff: int
    trained: int
    people: list[CoveredPerson] = field(default_factory=list)

    @property
    def rate(self) -> Decimal | None:
        if not self.staff:
            return None
        return (Decimal(self.trained) / Decimal(self.staff)).quantize(Decimal("0.0001"))

    @property
    def percent(self) -> Decimal | None:
        rate = self.rate
        return None if rate is None else (rate * 100).quantize(Decimal("0.1"))

    @property
    def untrained(self) -> list[CoveredPerson]:
        return [p for p in self.people if not p.covered]

    @property
    def complete(self) -> bool:
        return self.staff > 0 and self.trained == self.staff


def staff_of(agency) -> QuerySet:
    from sunshine.kernel.accounts.models import User

    return User.objects.filter(agency=agency, kind=User.Kind.STAFF, is_active=True).order_by(
        "display_name", "pk"
    )


def coverage(agency, on_date: dt.date) -> Coverage:
    """Who of `agency`'s staff attended a session within the 3 years ending on `on_date`."""
    start, end = window(on_date)
    facts = {
        row["person"]: row
        for row in Attendance.objects.filter(
            person__agency=agency,
            status=AttendanceStatus.ATTENDED,
            session__date__gte=start,
            session__date__lte=end,
        )
        .values("person")
        .annotate(last=Max("session__date"), hours=Sum("hours"))
    }
    people = []
    for user in staff_of(agency).only("pk", "display_name", "email"):
        fact = facts.get(user.pk)
        people.append(
            CoveredPerson(
                id=user.pk,
                name=user.display_name or user.email,
                email=user.email,
                last_trained=fact["last"] if fact else None,
                hours=fact["hours"] if fact else Decimal("0.0"),
            )
        )
    return Coverage(
        agency_id=agency.pk,
        agency_name=agency.name,
        on_date=on_date,
        start=start,
        end=end,
        staff=len(people),
        trained=sum(1 for p in people if p.covered),
        people=people,
    )


def coverage_for_staff(user, on_date: dt.date) -> list[Coverage]:
    """The coverage of every agency the user may see training of that has staff."""
    from sunshine.kernel.accounts.models import User

    agencies = (
        agencies_for(user, "training.view")
        .filter(is_active=True)
        .annotate(n=Count("staff", filter=Q(staff__kind=User.Kind.STAFF, staff__is_active=True)))
        .filter(n__gt=0)
        .order_by("path")
    )
    return [coverage(a, on_date) for a in agencies]


def agency_for_staff(user, pk):
    from sunshine.kernel.orgs.models import Agency

    agency = Agency.objects.filter(pk=pk).first()
    if agency is None or not can(user, "training.view", agency):
        return None
    return agency


def courses() -> QuerySet[Course]:
    """Courses are a shared list: every staff member may pick any for a session."""
    return Course.objects.select_related("agency").annotate(n_sessions=Count("sessions"))


def sessions_for_staff(user, *, year: int | None = None) -> QuerySet[Session]:
    """Province-wide sessions, and those for or run by an agency the user may see."""
    visible = scope(user, "training.view", Session.objects.all())
    by_organizer = scope(user, "training.view", Session.objects.all(), agency_field="organizer")
    rows = Session.objects.filter(
        Q(agency__isnull=True)
        | Q(pk__in=visible.values("pk"))
        | Q(pk__in=by_organizer.values("pk"))
    )
    if year:
        rows = rows.filter(date__year=year)
    return rows.select_related("course", "agency", "organizer").annotate(
        n_attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED)),
        n_absent=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ABSENT)),
    )


def session_for_staff(user, pk) -> Session | None:
    return sessions_for_staff(user).filter(pk=pk).first()


def attendance_of(user, session: Session) -> QuerySet[Attendance]:
    """The session's attendance rows of the people the user may see."""
    return (
        scope(user, "training.view", session.attendances.all())
        .select_related("person", "agency", "recorded_by")
        .order_by("agency__path", "person__display_name")
    )


def person_for_staff(user, pk):
    """The staff member with this pk if the user may see their agency's training."""
    from sunshine.kernel.accounts.models import User

    person = User.objects.filter(pk=pk, kind=User.Kind.STAFF).select_related("agency").first()
    if person is None or person.agency is None or not can(user, "training.view", person.agency):
        return None
    return person


@dataclass(frozen=True)
class PersonRecord:
    person: object
    attendances: list
    total_hours: Decimal
    window_hours: Decimal
    last_trained: dt.date | None
    covered_until: dt.date | None  # the last day a training keeps them covered
    covered: bool


def person_record(person, on_date: dt.date) -> PersonRecord:
    rows = list(
        Attendance.objects.filter(person=person)
        .select_related("session__course", "session__agency", "session__organizer")
        .order_by("-session__date", "-pk")
    )
    attended = [a for a in rows if a.status == AttendanceStatus.ATTENDED]
    start, end = window(on_date)
    in_window = [a for a in attended if start <= a.session.date <= end]
    last = max((a.session.date for a in in_window), default=None)
    covered_until = None
    if last is not None:
        # Covered while on_date's window still holds `last`: up to `last` + 3 years − 1 day.
        covered_until = _years_forward(last, COVERAGE_YEARS) - dt.timedelta(days=1)
    return PersonRecord(
        person=person,
        attendances=rows,
        total_hours=sum((a.hours for a in attended), Decimal("0.0")),
        window_hours=sum((a.hours for a in in_window), Decimal("0.0")),
        last_trained=last,
        covered_until=covered_until,
        covered=last is not None,
    )


def _years_forward(day: dt.date, years: int) -> dt.date:
    """The date whose window starts the day after `day` + … : the inverse of _years_back, so
    that `day` is in window(d) exactly while d < _years_forward(day)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 1 March (window(1 March) starts on 1 March + … )
        return dt.date(day.year + years, 3, 1)


def staff_choices(user, session: Session | None = None) -> QuerySet:
    """Staff accounts the user may record attendance for (at `session`, if given)."""
    from sunshine.kernel.accounts.models import User

    agencies = agencies_for(user, "training.manage")
    if session is not None and session.agency_id is not None:
        agencies = agencies.filter(path__startswith=session.agency.path)
    return (
        User.objects.filter(kind=User.Kind.STAFF, is_active=True, agency__in=agencies)
        .select_related("agency")
        .order_by("agency__path", "display_name")
    )
