"""Working-day arithmetic on the official calendar (工作日 per the State Council's notices).

Every function reads one in-memory snapshot of the calendar (a few hundred dates). The snapshot
is keyed by `CalendarState.version`, a number in the database that every calendar change renews,
so all processes (web servers, task workers) notice a change on their next call; one cheap
primary-key query per call. Loops (a list page, the sweep) take `current_calendar()` once.

A year whose notice is not loaded yet (2027 as shipped) keeps the statutory fixed holidays
that the law itself sets (全国年节及纪念日放假办法 Art. 2, see statutory.py): 元旦, 春节 除夕
to 初三, 清明, 劳动节 05-01/02, 端午, 中秋, 国庆 10-01..03; its other days follow Monday–Friday.
Its answers are *provisional*: the notice's 调休 (make-up working days, bridged days) are
unknown until it is published. So are the last days of December of a loaded year while the
next year's notice is missing, since that notice can set them (the 2019 notice set
2018-12-29..31). Dates before 2007 are outside the calendar and raise `CalendarRangeError`."""

import bisect
import datetime as dt
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from . import statutory
from .bundle import FIRST_YEAR

FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
ONE_DAY = dt.timedelta(days=1)

# From this day of December on, a date can still be set by the next year's notice, so it is
# provisional while that notice is not loaded. Every such case in the notices of 2007–2026:
# the 2007 notice set 2006-12-30/31, 2008: 2007-12-29..31, 2012: 2011-12-31, 2019:
# 2018-12-29..31, 2023: 2022-12-31. The earliest is 29 December: 元旦 on a Tuesday, the
# Monday before it bridged and paid back by the Saturday 12-29. Under the 2024 rules (元旦
# joined to its weekend, a Wednesday alone) no notice needs an earlier day.
LATE_DECEMBER_FROM = 29
LATE_DECEMBER_SETTING = "WORKCALENDAR_LATE_DECEMBER_FROM"


def late_december_from() -> int:
    """The first day of December that the next year's notice can set (a setting)."""
    value = getattr(settings, LATE_DECEMBER_SETTING, LATE_DECEMBER_FROM)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 31:
        raise ImproperlyConfigured(
            f"{LATE_DECEMBER_SETTING} must be a day of December (1–31), not {value!r}."
        )
    return value


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
    """An immutable snapshot: the dates the notices set and the years that are loaded. The
    statutory holidays of years without a notice are worked out on first use and kept here."""

    version: int
    off: dict  # date -> is_off_day (True: holiday; False: 调休 make-up working day)
    loaded_years: frozenset
    sorted_dates: tuple = ()
    late_december_from: int = LATE_DECEMBER_FROM
    # year -> frozenset of its assumed statutory holidays not listed in `off` (filled lazily)
    _assumed: dict = field(default_factory=dict, compare=False, repr=False)

    def is_loaded(self, day: dt.date) -> bool:
        return day.year in self.loaded_years

    def assumed_holidays(self, year: int) -> frozenset:
        """The statutory holidays taken as days off in `year` because its notice is not loaded
        (days the notices list keep their listed status). Empty for a loaded year."""
        found = self._assumed.get(year)
        if found is None:
            if year in self.loaded_years or not statutory.applies_to(year):
                found = frozenset()
            else:
                found = frozenset(
                    d for d, _name in statutory.statutory_holidays(year) if d not in self.off
                )
            self._assumed[year] = found  # a race only computes the same set twice
        return found

    def notice_years(self, day: dt.date) -> tuple[int, ...]:
        """The years whose notice can set `day`: its own, and the next for late December."""
        if day.month == 12 and day.day >= self.late_december_from:
            return (day.year, day.year + 1)
        return (day.year,)

    def is_provisional(self, day: dt.date) -> bool:
        """Whether a notice that can still change the answer for `day` is missing."""
        _check(day)
        return any(y not in self.loaded_years for y in self.notice_years(day))

    def is_workday(self, day: dt.date) -> bool:
        _check(day)
        listed = self.off.get(day)
        if listed is not None:
            return not listed
        year = day.year
        if year not in self.loaded_years:
            assumed = self._assumed.get(year)  # inlined: this is the hot path of every loop
            if assumed is None:
                assumed = self.assumed_holidays(year)
            if day in assumed:
                return False
        return day.weekday() < 5

    def missing_years(self, a: dt.date, b: dt.date) -> list[int]:
        """Years whose notice is not loaded and can set a day after a up to b (the year of
        each day, and the next year for the last days of December)."""
        lo, hi = (a, b) if a <= b else (b, a)
        first = (lo + ONE_DAY).year if lo < hi else lo.year
        last = hi.year + 1 if len(self.notice_years(hi)) > 1 else hi.year
        return [y for y in range(first, last + 1) if y not in self.loaded_years]

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
        # statutory holidays assumed in years without a notice (none listed in `off`)
        first = max(a.year, statutory.FIRST_STATUTORY_YEAR)
        for year in range(first, min(b.year, statutory.LAST_STATUTORY_YEAR) + 1):
            for day in self.assumed_holidays(year):
                if a < day <= b and day.weekday() < 5:
                    count -= 1
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
        version=version,
        off=off,
        loaded_years=loaded,
        sorted_dates=tuple(sorted(off)),
        late_december_from=late_december_from(),
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


@receiver(setting_changed)
def _setting_changed(*, setting, **kwargs) -> None:
    if setting == LATE_DECEMBER_SETTING:
        forget_snapshot()


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
