"""公开时限: understanding the time-limit text of a catalog item.

A catalog keeps the 公开时限 as written (it is what the public reads) and, beside it, the rule
the text states, so that the stale check (stale.py) can tell when a publication is missing:

- an event-driven limit: publish within N working days / calendar days / months of the
  information being formed or changed, e.g. "信息形成或变更之日起20个工作日内" → 20 wd,
  "自作出决定之日起7日内" → 7 days, "实时" / "即时" → 1 wd, "24小时内" → 1 day;
- a periodic one: once per year (by a date: "每年3月底前" → 31 March, "每年第一季度" →
  31 March, "每年度结束后20个工作日内" → 20 wd after 31 December), per half year, per quarter
  ("每季度结束后15日内") or per month ("每月10日前", "次月5日前", "按月");
- anything else — "及时", "长期公开", "按有关规定", a one-off date — is kept as text only
  (kind "none") and never makes an item stale.

When a text names several periods the shortest wins (a monthly report is also published every
year); when it names several durations, the one in the clause that says 公开/公布/公示/发布/
更新 wins ("受理之日起20日内作出决定，决定作出后7个工作日内公开" → 7 wd). Chinese numerals
(二十, 十五, 两) and full-width digits are read as numbers. Pure functions: no database."""

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import LimitKind as K
from .choices import LimitUnit as U

PUBLISH_VERBS = re.compile(r"公开|公布|公示|发布|更新|推送|报送")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百]+")
END_OF_MONTH = 31  # a `day` of 31 means "the last day of the month" (月底)


@dataclass(frozen=True)
class TimeLimit:
    """The rule of a 公开时限. `length`/`unit`: for an event-driven limit, the time allowed;
    for a periodic one, an offset after the end of the period (None: due at the period's end
    or at month/day). `month`/`day`: the due date of a yearly limit; `day` of a monthly one."""

    kind: str = K.NONE
    unit: str = ""
    length: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def is_event(self) -> bool:
        return self.kind == K.EVENT

    @property
    def is_periodic(self) -> bool:
        return self.kind in (K.YEARLY, K.HALF_YEARLY, K.QUARTERLY, K.MONTHLY)

    def as_fields(self) -> dict:
        """The model fields of CatalogItem that hold the rule."""
        return {
            "limit_kind": str(self.kind),
            "limit_unit": str(self.unit),
            "limit_length": self.length,
            "limit_month": self.month,
            "limit_day": self.day,
        }

    @classmethod
    def from_fields(cls, item) -> "TimeLimit":
        return cls(
            kind=item.limit_kind,
            unit=item.limit_unit,
            length=item.limit_length,
            month=item.limit_month,
            day=item.limit_day,
        )

    def describe(self) -> str:
        """The rule in words, e.g. "信息形成后20个工作日内", "每年3月底前"."""
        if self.kind == K.NONE:
            return _("未识别（不参与过期检查）")
        if self.kind == K.EVENT:
            return _("信息形成或变更后%(n)s%(unit)s内") % {"n": self.length, "unit": _unit(self)}
        offset = (
            _("结束后%(n)s%(unit)s内") % {"n": self.length, "unit": _unit(self)}
            if self.length
            else ""
        )
        if self.kind == K.YEARLY:
            if offset and (self.month, self.day) == (12, END_OF_MONTH):
                return _("每年度") + offset
            return _("每年%(date)s前") % {"date": _month_day(self.month, self.day)} + (
                _("，") + _("此后%(n)s%(unit)s内") % {"n": self.length, "unit": _unit(self)}
                if offset
                else ""
            )
        if self.kind == K.MONTHLY and self.day and not offset:
            return _("每月%(day)s前") % {"day": _day(self.day)}
        period = {K.HALF_YEARLY: _("每半年"), K.QUARTERLY: _("每季度"), K.MONTHLY: _("每月")}
        return period[self.kind] + (offset or _("末前"))


def _unit(limit: TimeLimit) -> str:
    return str(dict(U.choices).get(limit.unit, ""))


def _day(day: int) -> str:
    return _("月底") if day == END_OF_MONTH else _("%(d)s日") % {"d": day}


def _month_day(month: int, day: int) -> str:
    if day == END_OF_MONTH:
        return _("%(m)s月底") % {"m": month}
    return _("%(m)s月%(d)s日") % {"m": month, "d": day}


# --- Reading the text --------------------------------------------------------------------


def chinese_number(text: str) -> int | None:
    """二十 → 20, 十五 → 15, 两 → 2, 一百二十 → 120; None when it is not a number."""
    if not text or not _CN_NUMBER.fullmatch(text):
        return None
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = current * 10 + _CN_DIGITS[char] if current else _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def normalise(text: str) -> str:
    """Full-width to half-width, no spaces, Chinese numerals as digits."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"\s+", "", text)

    def to_digits(match: re.Match) -> str:
        value = chinese_number(match.group(0))
        return str(value) if value is not None else match.group(0)

    return _CN_NUMBER.sub(to_digits, text)


_REALTIME = re.compile(r"实时|即时")
_WORKDAYS = re.compile(r"(?<![月\d])(\d+)个?工作日")
_DAYS = re.compile(r"(?<![月\d])(\d+)个?(?:自然日|日历日|日|天)(?!前)")
_MONTHS = re.compile(r"(?<!\d)(\d+)个月")
_WEEKS = re.compile(r"(?<!\d)(\d+)(?:周|个?星期)")
_HOURS = re.compile(r"(?<!\d)(\d+)个?小时")
_OFFSET = re.compile(r"(?:结束|终了|期满|截止|届满|末)?后(\d+)个?(工作日|自然日|日|天|个月)")

# Period words. Bare "年度" / "季度" are not enough: "年度预算经批准后20日内" is an event.
_MONTHLY = re.compile(r"每月|按月|逐月|次月|每个月")
_QUARTERLY = re.compile(r"每季|按季|每个季度|分季度|季度(?:结束|终了|末)")
_HALF_YEARLY = re.compile(r"每半年|按半年|半年度(?:结束|终了)")
_YEARLY = re.compile(r"每年|每1年|次年|年度(?:结束|终了)|年终|年底前|年末前|年初")


def _duration(text: str) -> tuple[str, int] | None:
    """(unit, length) of the first duration in `text`, or None."""
    found = []
    for pattern, unit, factor in (
        (_WORKDAYS, U.WORKDAYS, 1),
        (_DAYS, U.DAYS, 1),
        (_MONTHS, U.MONTHS, 1),
        (_WEEKS, U.DAYS, 7),
    ):
        for match in pattern.finditer(text):
            found.append((match.start(), str(unit), int(match.group(1)) * factor))
    for match in _HOURS.finditer(text):
        hours = int(match.group(1))
        found.append((match.start(), str(U.DAYS), max(1, -(-hours // 24))))
    if not found:
        return None
    _pos, unit, length = min(found)
    return unit, length


def _event(text: str) -> TimeLimit | None:
    clauses = [c for c in re.split(r"[，,；;。]", text) if c]
    preferred = [c for c in clauses if PUBLISH_VERBS.search(c)]
    for clause in [*preferred, text]:
        duration = _duration(clause)
        if duration and duration[1] > 0:
            unit, length = duration
            return TimeLimit(kind=K.EVENT, unit=unit, length=length)
    return None


def _offset(text: str) -> tuple[str, int] | tuple[None, None]:
    match = _OFFSET.search(text)
    if not match:
        return None, None
    unit = {"工作日": U.WORKDAYS, "个月": U.MONTHS}.get(match.group(2), U.DAYS)
    return str(unit), int(match.group(1))


def _monthly(text: str) -> TimeLimit:
    day = re.search(r"每月(\d{1,2})日", text)
    if day and 1 <= int(day.group(1)) <= 31:
        return TimeLimit(kind=K.MONTHLY, day=int(day.group(1)))
    following = re.search(r"次月(\d{1,2})日", text)
    if following:
        return TimeLimit(kind=K.MONTHLY, unit=U.DAYS, length=int(following.group(1)))
    unit, length = _offset(text)
    return TimeLimit(kind=K.MONTHLY, unit=unit or "", length=length)


def _periodic(kind: str, text: str) -> TimeLimit:
    unit, length = _offset(text)
    return TimeLimit(kind=kind, unit=unit or "", length=length)


_TEN_DAYS = {"上旬": 10, "中旬": 20, "下旬": END_OF_MONTH}


def _yearly(text: str) -> TimeLimit:
    month, day = 12, END_OF_MONTH
    exact = re.search(r"(?<!\d)(\d{1,2})月(\d{1,2})日", text)
    loose = re.search(r"(?<!\d)(\d{1,2})月(底|末|份|上旬|中旬|下旬)?", text)
    quarter = re.search(r"第?([1-4])季度", text)
    if exact and 1 <= int(exact.group(1)) <= 12:
        month, day = int(exact.group(1)), int(exact.group(2))
    elif loose and 1 <= int(loose.group(1)) <= 12:
        month, day = int(loose.group(1)), _TEN_DAYS.get(loose.group(2) or "", END_OF_MONTH)
    elif quarter:
        month = int(quarter.group(1)) * 3
    elif "上半年" in text:
        month = 6
    elif "年初" in text:
        month = 1
    day = min(day, END_OF_MONTH)
    if day != END_OF_MONTH and day > calendar.monthrange(2024, month)[1]:
        day = END_OF_MONTH  # "2月30日": the end of the month
    unit, length = (None, None) if exact or loose else _offset(text)
    return TimeLimit(kind=K.YEARLY, month=month, day=day, unit=unit or "", length=length)


def parse_time_limit(text: str) -> TimeLimit:
    """The rule a 公开时限 text states (TimeLimit(kind="none") when it states none)."""
    text = normalise(text)
    if not text:
        return TimeLimit()
    if _REALTIME.search(text):
        return TimeLimit(kind=K.EVENT, unit=U.WORKDAYS, length=1)
    # The shortest period named wins ("每年…，每季度更新" is published every quarter).
    if _MONTHLY.search(text):
        return _monthly(text)
    if _QUARTERLY.search(text) and not re.search(r"(每年|年度).*第?[1-4]季度", text):
        return _periodic(K.QUARTERLY, text)
    if _HALF_YEARLY.search(text):
        return _periodic(K.HALF_YEARLY, text)
    if _YEARLY.search(text):
        return _yearly(text)
    return _event(text) or TimeLimit()


# --- Due dates ---------------------------------------------------------------------------

AddWorkdays = Callable[[dt.date, int], dt.date]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_length(start: dt.date, unit: str, length: int, add_workdays: AddWorkdays) -> dt.date:
    """`start` + length units; working days on the official calendar (add_workdays)."""
    if unit == U.WORKDAYS:
        return add_workdays(start, length)
    if unit == U.MONTHS:
        return add_months(start, length)
    return start + dt.timedelta(days=length)


def event_due(limit: TimeLimit, start: dt.date, add_workdays: AddWorkdays) -> dt.date:
    """The last day to publish an event-driven item counted from `start`."""
    return add_length(start, limit.unit, limit.length or 0, add_workdays)


def _period_ends(limit: TimeLimit, year: int) -> list[tuple[str, dt.date]]:
    if limit.kind == K.YEARLY:
        month = limit.month or 12
        day = limit.day or END_OF_MONTH
        last = calendar.monthrange(year, month)[1]
        return [(f"{year}", dt.date(year, month, min(day, last)))]
    if limit.kind == K.HALF_YEARLY:
        return [(f"{year}-H1", month_end(year, 6)), (f"{year}-H2", month_end(year, 12))]
    if limit.kind == K.QUARTERLY:
        return [(f"{year}-Q{q}", month_end(year, q * 3)) for q in range(1, 5)]
    if limit.kind == K.MONTHLY:
        if limit.day and not limit.length:
            return [
                (f"{year}-{m:02d}", dt.date(year, m, min(limit.day, month_end(year, m).day)))
                for m in range(1, 13)
            ]
        return [(f"{year}-{m:02d}", month_end(year, m)) for m in range(1, 13)]
    return []


def period_dues(
    limit: TimeLimit, years: range, add_workdays: AddWorkdays
) -> list[tuple[str, dt.date]]:
    """(period label, due date) of a periodic limit for `years`, earliest due first."""
    dues = []
    for year in years:
        for label, end in _period_ends(limit, year):
            due = end
            if limit.length:
                due = add_length(end, limit.unit or U.DAYS, limit.length, add_workdays)
            dues.append((label, due))
    return sorted(dues, key=lambda pair: pair[1])
