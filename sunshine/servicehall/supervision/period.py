"""The reporting period of the 电子监察 pages: a preset (本月, 上月, 本季度, 本年度, 近12个月)
or two dates. Dates are local (Asia/Shanghai); `until` is inclusive."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.kernel import clock

PRESETS = {
    "month": _("本月"),
    "last_month": _("上月"),
    "quarter": _("本季度"),
    "year": _("本年度"),
    "12m": _("近12个月"),
}
DEFAULT = "month"


@dataclass(frozen=True)
class Period:
    since: dt.date
    until: dt.date  # inclusive
    preset: str = ""

    @property
    def start(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.since, dt.time()))

    @property
    def end(self) -> dt.datetime:
        """Exclusive end instant (the start of the day after `until`)."""
        return timezone.make_aware(
            dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time())
        )

    @property
    def label(self) -> str:
        from django.utils.translation import gettext

        return gettext("%(since)s 至 %(until)s") % {
            "since": f"{self.since:%Y-%m-%d}",
            "until": f"{self.until:%Y-%m-%d}",
        }


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def preset_period(preset: str, today: dt.date | None = None) -> Period:
    today = today or clock.today()
    if preset == "last_month":
        start = _month_start(today, 1)
        return Period(start, _month_start(today) - dt.timedelta(days=1), preset)
    if preset == "quarter":
        return Period(dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1), today, preset)
    if preset == "year":
        return Period(dt.date(today.year, 1, 1), today, preset)
    if preset == "12m":
        return Period(_month_start(today, 11), today, preset)
    return Period(_month_start(today), today, DEFAULT)


def parse_period(*, preset: str = "", since: str = "", until: str = "") -> Period:
    """From request parameters; bad or missing dates fall back to the preset (本月)."""
    from django.utils.dateparse import parse_date

    try:
        a, b = parse_date(since or ""), parse_date(until or "")
    except ValueError:
        a = b = None
    if a and b:
        if b < a:
            a, b = b, a
        if (b - a).days > 3660:  # ten years at most
            a = b - dt.timedelta(days=3660)
        return Period(a, b, "")
    return preset_period(preset if preset in PRESETS else DEFAULT)


def months_back(n: int, today: dt.date | None = None) -> list[dt.date]:
    """The first days of the last n months, oldest first (this month last)."""
    today = today or clock.today()
    return [_month_start(today, back) for back in range(n - 1, -1, -1)]
