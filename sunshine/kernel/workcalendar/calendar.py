"""Working-day arithmetic on the official calendar (工作日 per the State Council's notices).

Every function reads one in-memory snapshot of the calendar (a few hundred dates). The snapshot
is keyed by `CalendarState.version`, a number in the database that every calendar change renews,
so all processes (web servers, task workers) notice a change on their next call; one cheap
primary-key query per call. Loops (a list page, the sweep) take `current_calendar()` once.

A date in a year whose notice is not loaded follows Monday–Friday and the answer is marked
*provisional*. Dates before 2007 are outside the calendar and raise `CalendarRangeError`."""

import bisect
import datetime as dt
import threading
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .bundle import FIRST_YEAR

FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
ONE_DAY = dt.timedelta(days=1)


class CalendarRangeError(ValidationError):
    """The date lies before the official calendar begins (2007)."""


def _check(day: dt.date) -> None:
    if day < FIRST_DAY:
        raise CalendarRangeError(
            _("日期 %(date)s 早于工作日历的起始日期 %(first)s，无法计算工作日。")
            % {"date": day.isoformat(), "first": FIRST_DAY.isoformat()},
            code="before_calendar",
        )


def _weekdays_after(a: dt.date, b: dt.date) -> int:
    """Mondays–Fridays in (a, b], for a <= b, by arithmetic."""
    days = (b - a).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    wd = a.weekday()
    for i in range(1, rest + 1):
        if (wd + i) % 7 < 5:
            count += 1
    return count


@dataclass(frozen=True)
class WorkCalendar:
    """An immutable snapshot: the dates the notices set and the years that are loaded."""

    version: int
    off: dict  # date -> is_off_day (True: holiday; False: 调休 make-up working day)
    loaded_years: frozenset
    sorted_dates: tuple = ()

    def is_loaded(self, day: dt.date) -> bool:
        return day.year in self.loaded_years

    def is_provisional(self, day: dt.date) -> bool:
        _check(day)
        return not self.is_loaded(day)

    def is_workday(self, day: dt.date) -> bool:
        _check(day)
        listed = self.off.get(day)
        if listed is not None:
            return not listed
        return day.weekday() < 5

    def missing_years(self, a: dt.date, b: dt.date) -> list[int]:
        """Years touched by the days after a up to b whose notice is not loaded."""
        lo, hi = (a, b) if a <= b else (b, a)
        first = (lo + ONE_DAY).year if lo < hi else lo.year
        return [y for y in range(first, hi.year + 1) if y not in self.loaded_years]

    def add_workdays(self, start: dt.date, n: int) -> tuple[dt.date, bool]:
        """The n-th working day after `start` (start itself not counted); n = 0 gives start."""
        _check(start)
        if n < 0:
            raise ValueError("n must not be negative")
        day, count = start, 0
        while count < n:
            day += ONE_DAY
            if self.is_workday(day):
                count += 1
        return day, bool(self.missing_years(start, day))

    def workdays_between(self, a: dt.date, b: dt.date) -> tuple[int, bool]:
        """Working days after a up to and including b; negative when b is before a."""
        _check(a)
        _check(b)
        if b < a:
            count, provisional = self.workdays_between(b, a)
            return -count, provisional
        count = _weekdays_after(a, b)
        lo = bisect.bisect_right(self.sorted_dates, a)
        hi = bisect.bisect_right(self.sorted_dates, b)
        for day in self.sorted_dates[lo:hi]:
            normal = day.weekday() < 5
            actual = not self.off[day]
            count += int(actual) - int(normal)
        return count, bool(self.missing_years(a, b))


_lock = threading.Lock()
_snapshot: WorkCalendar | None = None


def _db_version() -> int:
    from .models import CalendarState

    version = CalendarState.objects.filter(id=1).values_list("version", flat=True).first()
    return version or 0


def _build(version: int) -> WorkCalendar:
    from .models import CalendarDay, CalendarYear

    off = dict(CalendarDay.objects.values_list("date", "is_off_day"))
    loaded = frozenset(CalendarYear.objects.filter(loaded=True).values_list("year", flat=True))
    return WorkCalendar(
        version=version, off=off, loaded_years=loaded, sorted_dates=tuple(sorted(off))
    )


def current_calendar() -> WorkCalendar:
    """The calendar as the database has it now (rebuilt only when the version changed)."""
    global _snapshot
    version = _db_version()  # read the version first: a later change then forces a rebuild
    snapshot = _snapshot
    if snapshot is not None and snapshot.version == version:
        return snapshot
    with _lock:
        snapshot = _build(version)
        _snapshot = snapshot
    return snapshot


def forget_snapshot() -> None:
    """Drop this process's copy (called by every calendar change, before and after commit)."""
    global _snapshot
    _snapshot = None


# --- Working days ---------------------------------------------------------------------


def is_workday(day: dt.date) -> bool:
    return current_calendar().is_workday(day)


def is_provisional(day: dt.date) -> bool:
    return current_calendar().is_provisional(day)


def add_workdays(start: dt.date, n: int) -> tuple[dt.date, bool]:
    """(the n-th working day after start, provisional)."""
    return current_calendar().add_workdays(start, n)


def workdays_between(a: dt.date, b: dt.date) -> tuple[int, bool]:
    """(working days after a up to and including b, provisional)."""
    return current_calendar().workdays_between(a, b)


def missing_years(a: dt.date, b: dt.date) -> list[int]:
    return current_calendar().missing_years(a, b)


# --- Calendar days and day boundaries (Asia/Shanghai) -----------------------------------


def add_days(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(days=n)


def days_between(a: dt.date, b: dt.date) -> int:
    """Calendar days after a up to and including b (negative when b is before a)."""
    return (b - a).days


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last second of `day` in local time (a deadline day ends at 23:59:59)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))
