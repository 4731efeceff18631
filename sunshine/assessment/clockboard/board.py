"""The 期限看板 (public clock board): per agency (with its sub-agencies) or for the whole
government, each statutory deadline rule the features declare, labelled by its public name,
with the figures of kernel/deadlines/stats.py: finished, on time and the on-time rate, median
and p90 handling time in working days, overdue and running now. One definition for the portal,
the workbench, the CSV and the API; the shells only render.

Rules that are not the agency's own duty towards the public (the applicant's time to pay, a
third party's time to answer, the public's comment period) are left out:
settings.CLOCKBOARD_EXCLUDED_RULES (default EXCLUDED_RULES) names them."""

import datetime as dt
import zlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from sunshine.kernel import clock as time_source
from sunshine.kernel.deadlines import stats
from sunshine.kernel.deadlines.rules import UNITS, find_rule, registered_rules, rule_label

EXCLUDED_RULES = ("foi.payment", "foi.third_party", "decision.comment_period")
MAX_SPAN_DAYS = 366 * 5

# What the page shows under the table: the definitions of stats.py, in words.
DEFINITIONS = (
    (_("统计范围"), _("各模块按法定或承诺时限计时的事项（期限），按机关及其下属机关汇总。")),
    (_("办结数"), _("统计期间内结束计时的期限数（按结束日期统计）。")),
    (
        _("按期办结率"),
        _("按期办结数 ÷ 办结数。结束时间不晚于到期时间（含依法延期，暂停期间不计）即为按期。"),
    ),
    (
        _("办理用时"),
        _(
            "自起算日次日起至结束日的工作日数，扣除暂停的工作日；工作日以国务院办公厅公布的"
            "节假日安排为准（含调休），不是简单的周一至周五。当日起算当日结束为0个工作日。"
        ),
    ),
    (_("中位数"), _("办理用时排序后居中的数值（偶数个时取中间两个的平均）。")),
    (_("90%分位"), _("至少90%的事项办理用时不超过的最小值（最近秩法）。")),
    (
        _("当前逾期"),
        _("此刻仍在计时且已超过到期时间的期限，以及暂停前已逾期的期限；不受统计期间影响。"),
    ),
    (_("计时中"), _("此刻正在计时的期限（不含暂停）；不受统计期间影响。")),
)


def excluded_rules() -> frozenset:
    return frozenset(getattr(settings, "CLOCKBOARD_EXCLUDED_RULES", EXCLUDED_RULES))


def rule_public_label(name: str) -> str:
    return rule_label(name)


def board_rules() -> list[str]:
    """The rules the board shows: every registered rule but the excluded ones."""
    skip = excluded_rules()
    return [r.name for r in registered_rules() if r.name not in skip]


# --- The period ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    key: str  # "12m", "y2026", "q2026-3", "custom"
    label: str

    @property
    def query(self) -> str:
        if self.key == "custom":
            return f"since={self.start.isoformat()}&until={self.end.isoformat()}"
        return f"period={self.key}" if self.key != "12m" else ""


def _year(year: int, today: dt.date) -> Period:
    end = min(dt.date(year, 12, 31), today)
    return Period(dt.date(year, 1, 1), end, f"y{year}", _("%(year)d年") % {"year": year})


def _quarter(year: int, q: int, today: dt.date) -> Period:
    start = dt.date(year, 3 * q - 2, 1)
    end = (dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)) - dt.timedelta(days=1)
    label = _("%(year)d年第%(q)d季度") % {"year": year, "q": q}
    return Period(start, min(end, today), f"q{year}-{q}", label)


def last_twelve_months(today: dt.date) -> Period:
    start = (
        today.replace(year=today.year - 1) + dt.timedelta(days=1)
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year - 1, 3, 1)
    )
    return Period(start, today, "12m", _("近12个月"))


def period_choices(today: dt.date | None = None) -> list[Period]:
    """The presets of the period filter: the last 12 months, this and the two previous years,
    the quarters of this year so far and of last year."""
    today = today or time_source.today()
    choices = [last_twelve_months(today)]
    choices += [_year(y, today) for y in (today.year, today.year - 1, today.year - 2)]
    choices += [_quarter(today.year, q, today) for q in range(1, (today.month - 1) // 3 + 2)]
    choices += [_quarter(today.year - 1, q, today) for q in range(1, 5)]
    return choices


def preset_periods(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """(start, end) of every preset: the periods the job "deadlines.stats" stores summed
    (registered in apps.py), so that a board of a preset reads one row per agency and rule."""
    return [(p.start, p.end) for p in period_choices(today)]


def _date(value: str, name: str, errors: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        errors[name] = _("请输入有效日期，格式为 年-月-日（如 2026-01-31）。")
        return None


def parse_period(params, today: dt.date | None = None) -> tuple[Period, dict]:
    """The period asked for by `period` (a preset key) or `since`/`until` (dates, inclusive),
    and the errors found (field → message); on an error the last 12 months are shown."""
    today = today or time_source.today()
    errors: dict = {}
    default = last_twelve_months(today)
    since, until = (params.get("since") or "").strip(), (params.get("until") or "").strip()
    if since or until:
        start = _date(since, "since", errors) if since else None
        end = _date(until, "until", errors) if until else today
        if since and not errors and start is None:
            return default, errors
        if not since:
            errors["since"] = _("请填写开始日期。")
        if errors:
            return default, errors
        if end < start:
            errors["until"] = _("结束日期不能早于开始日期。")
        elif start < dt.date(2007, 1, 1):
            errors["since"] = _("开始日期不能早于2007年1月1日（工作日历的起始日期）。")
        elif (end - start).days > MAX_SPAN_DAYS:
            errors["until"] = _("统计期间最长为5年。")
        if errors:
            return default, errors
        label = _("%(start)s 至 %(end)s") % {"start": start.isoformat(), "end": end.isoformat()}
        return Period(start, end, "custom", label), errors
    key = (params.get("period") or "").strip()
    if not key or key == "12m":
        return default, errors
    for choice in period_choices(today):
        if choice.key == key:
            return choice, errors
    try:
        if key.startswith("y"):
            year = int(key[1:])
            if 2007 <= year <= today.year:
                return _year(year, today), errors
        elif key.startswith("q"):
            year, q = (int(x) for x in key[1:].split("-"))
            if 2007 <= year <= today.year and 1 <= q <= 4 and dt.date(year, 3 * q - 2, 1) <= today:
                return _quarter(year, q, today), errors
    except ValueError:
        pass
    errors["period"] = _("没有这个统计期间，已显示近12个月。")
    return default, errors


# --- The board -------------------------------------------------------------------------------


@dataclass
class BoardRow:
    rule: str
    label: str  # the rule's public name
    module: str
    module_label: str
    limit: str  # e.g. "20个工作日"
    basis: str
    stats: stats.ClockStats


@dataclass
class Board:
    agency: object | None  # the Agency (with its subtree) or None: the whole government
    period: Period
    rows: list[BoardRow]
    total: stats.ClockStats
    built_at: dt.datetime | None
    now: dt.datetime
    agency_rows: list = field(default_factory=list)  # whole government: one row per agency

    @property
    def chart(self) -> dict:
        return bar_chart(self.rows)


def _limit(name: str) -> tuple[str, str]:
    rule = find_rule(name)
    if rule is None:
        return "", ""
    return f"{rule.length}{UNITS[rule.unit]}", str(rule.basis or "")


CACHE_SECONDS = 26 * 3600  # a key names its facts' stamp: a refresh makes a new key
CACHE_KEY = "clockboard:finished:v1:{scope}:{subtree}:{start}:{end}:{group}:{facts}:{rules}"
GROUPING = ("agency", "rule")


def _cache_key(agency_id, period: "Period", facts_at: dt.datetime, names) -> str:
    return CACHE_KEY.format(
        scope=agency_id if agency_id is not None else "all",
        subtree=1,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        group="-".join(GROUPING),
        facts=facts_at.isoformat(),
        rules=zlib.crc32(",".join(sorted(names)).encode()),
    )


def _compute_finished(agency_ids, period: "Period", names) -> list[tuple]:
    """(clock's agency id, agency name, rule, finished, on time, histogram) per cell: the
    period's figures from the summaries."""
    cells = stats.clock_stats(
        agencies=agency_ids,
        rules=names,
        start=period.start,
        end=period.end,
        group_by=("agency", "module", "rule"),
        current=False,
    )
    return [(c.agency_id, c.agency_name, c.rule, c.finished, c.on_time, c.histogram) for c in cells]


def finished_cells(agency, period: "Period", names, facts_at) -> list[tuple]:
    """The finished figures of the board of `agency` (None: every agency), cached under the
    facts' stamp (the summaries change only when the job refreshes them, and its new stamp
    makes a new key). Before the job's first run (no stamp) they are counted live, uncached."""
    ids = subtree_ids(agency) if agency is not None else None
    if facts_at is None:
        return _compute_finished(ids, period, names)
    key = _cache_key(getattr(agency, "pk", None), period, facts_at, names)
    cells = cache.get(key)
    if cells is None:
        cells = _compute_finished(ids, period, names)
        cache.set(key, cells, CACHE_SECONDS)
    return cells


def warm_cache() -> dict:
    """Fill the cache for the periods the page shows by default (the last 12 months, this
    year) for the whole government and every agency with clocks: one summary read per
    period, each agency's subtree summed from it. Run after each facts refresh."""
    from sunshine.kernel.orgs.models import Agency

    facts_at = stats.built_at()
    if facts_at is None:
        return {"keys": 0}
    names = board_rules()
    today = time_source.today()
    agencies = list(Agency.objects.filter(is_active=True).values_list("pk", "path"))
    keys = 0
    for period in (last_twelve_months(today), _year(today.year, today)):
        cells = _compute_finished(None, period, names)
        cache.set(_cache_key(None, period, facts_at, names), cells, CACHE_SECONDS)
        keys += 1
        paths = dict(agencies)
        for pk, path in agencies:
            mine = [c for c in cells if paths.get(c[0], "").startswith(path)]
            cache.set(_cache_key(pk, period, facts_at, names), mine, CACHE_SECONDS)
            keys += 1
    cache.delete(f"clockboard:agencies:v1:{facts_at.isoformat()}")
    board_agencies()  # the chooser
    return {"keys": keys + 1}


@task()
def warm_cache_task() -> dict:
    """The periodic job "clockboard.warm" (every 10 minutes, after "deadlines.stats")."""
    return warm_cache()


def board(agency=None, period: Period | None = None, *, per_agency: bool = False) -> Board:
    """The board of `agency` and its sub-agencies (None: every agency). Rules with nothing
    finished in the period and nothing open now are left out. `per_agency` adds one row per
    agency with clocks (for the whole government's ranking table). The period's figures come
    from the cache (finished_cells); those of now are counted on each request (one grouped
    query over the open clocks)."""
    now = time_source.now()
    period = period or last_twelve_months(time_source.today())
    names = board_rules()
    facts_at = stats.built_at()
    module_map = stats.rule_modules()
    cells = [
        stats.ClockStats(
            agency_id=agency_id,
            agency_name=agency_name,
            rule=rule,
            finished=done,
            on_time=on_time,
            histogram=hist,
        )
        for agency_id, agency_name, rule, done, on_time, hist in finished_cells(
            agency, period, names, facts_at
        )
    ]
    cells += stats.clock_stats(
        agencies=subtree_ids(agency) if agency is not None else None,
        rules=names,
        group_by=("agency", "rule"),
        now=now,
        finished=False,
    )
    by_rule: dict[str, stats.ClockStats] = {}
    by_agency: dict[int, stats.ClockStats] = {}
    for cell in cells:
        row = by_rule.get(cell.rule)
        if row is None:
            module, module_label = stats.module_of(cell.rule, module_map)
            row = by_rule[cell.rule] = stats.ClockStats(
                module=module,
                module_label=module_label,
                rule=cell.rule,
                rule_label=rule_label(cell.rule),
            )
        row.add(cell)
        if per_agency:
            mine = by_agency.get(cell.agency_id)
            if mine is None:
                mine = by_agency[cell.agency_id] = stats.ClockStats(
                    agency_id=cell.agency_id, agency_name=cell.agency_name
                )
            mine.add(cell)
    rows = []
    for s in by_rule.values():
        limit, basis = _limit(s.rule)
        rows.append(BoardRow(s.rule, s.rule_label, s.module, s.module_label, limit, basis, stats=s))
    rows.sort(key=lambda r: (str(r.module_label), r.module, str(r.label), r.rule))
    result = Board(
        agency=agency,
        period=period,
        rows=rows,
        total=stats.totals(r.stats for r in rows),
        built_at=facts_at,
        now=now,
    )
    # each agency's own clocks (not rolled up), in tree order
    result.agency_rows = _tree_order(by_agency)
    return result


def _tree_order(by_agency: dict) -> list:
    from sunshine.kernel.orgs.models import Agency

    if not by_agency:
        return []
    paths = dict(Agency.objects.filter(pk__in=list(by_agency)).values_list("pk", "path"))
    return [by_agency[pk] for pk in sorted(by_agency, key=lambda pk: (paths.get(pk, ""), pk))]


def subtree_ids(agency) -> list[int]:
    from sunshine.kernel.orgs.models import Agency

    return list(Agency.objects.filter(path__startswith=agency.path).values_list("pk", flat=True))


# --- Drill-down (staff) ----------------------------------------------------------------------

DRILL_LABELS = {
    "finished": _("办结"),
    "on_time": _("按期办结"),
    "late": _("逾期办结"),
    "overdue": _("当前逾期"),
    "running": _("计时中"),
    "paused": _("暂停"),
}


def clocks_for_staff(user, kind: str, *, agency=None, rule=None, period: Period):
    """The clocks behind one figure of the staff board that the user may see ("clock.view"),
    of `agency` and its subtree (None: all the user sees), of one rule or of every rule the
    board shows; the stopped ones newest first, the open ones by due time (page them with
    clock_page)."""
    from sunshine.kernel.access.policy import scope

    rules = [rule] if rule else board_rules()
    qs = stats.clocks_behind(
        kind,
        agencies=[agency] if agency is not None else None,
        subtree=True,
        rules=rules,
        start=period.start,
        end=period.end,
    )
    qs = scope(user, "clock.view", qs).select_related("agency", "content_type")
    field_name, desc = _order(kind)
    order = (f"-{field_name}", "-pk") if desc else (field_name, "pk")
    return qs.prefetch_related("content_object").order_by(*order)


PAGE_SIZE = 50
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICRO = dt.timedelta(microseconds=1)


def _order(kind: str) -> tuple[str, bool]:
    """(the clocks' order field, newest first?) of a drill-down: the stopped ones by stop time,
    the open ones by due time."""
    return ("stopped_at", True) if kind in ("finished", "on_time", "late") else ("due_at", False)


def make_cursor(clock, kind: str) -> str:
    """A page boundary as text for the URL: the order field in microseconds since 1970 (UTC)
    and the id, e.g. "1763600000000000.123"."""
    field_name, _desc = _order(kind)
    return f"{(getattr(clock, field_name) - _EPOCH) // _MICRO}.{clock.pk}"


def parse_cursor(raw: str) -> tuple[dt.datetime, int] | None:
    micros, _dot, pk = (raw or "").partition(".")
    if not (micros.lstrip("-").isdigit() and pk.isdigit()) or len(micros) > 20 or len(pk) > 19:
        return None
    try:
        return _EPOCH + int(micros) * _MICRO, int(pk)
    except OverflowError:
        return None


@dataclass
class ClockPage:
    clocks: list
    older: str = ""  # the cursor of the next page ("" when this is the last)
    newer: str = ""  # the cursor of the previous page ("" when this is the first)


def clock_page(qs, kind: str, *, after=None, before=None, size: int | None = None) -> ClockPage:
    """One page of a drill-down by keyset (the rows after or before a boundary in the order,
    read through the index of that order, never an OFFSET or a COUNT over the period's
    clocks): `after`/`before` are parse_cursor() values."""
    from django.db.models import Q

    size = size or PAGE_SIZE
    field_name, desc = _order(kind)
    forward = before is None
    newest_first = desc if forward else not desc
    prefix = "-" if newest_first else ""
    qs = qs.order_by(f"{prefix}{field_name}", f"{prefix}pk")
    bound = after if forward else before
    if bound is not None:
        value, pk = bound
        op = "lt" if newest_first else "gt"
        qs = qs.filter(
            Q(**{f"{field_name}__{op}": value}) | Q(**{field_name: value, f"pk__{op}": pk})
        )
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()
    page = ClockPage(rows)
    if rows:
        # forward: more rows follow if one more was found, and some precede if we came from
        # a boundary; backward: the boundary itself follows, more precede if one more was found
        if more or not forward:
            page.older = make_cursor(rows[-1], kind)
        if (after is not None) if forward else more:
            page.newer = make_cursor(rows[0], kind)
    return page


def with_handling_time(clocks) -> list:
    """Set `handling_wd` on each stopped clock (working days, as the board counts them)."""
    index = stats.WorkdayIndex()
    result = list(clocks)
    for c in result:
        c.handling_wd = (
            stats.handling_workdays(index, c.started_at, c.stopped_at, c.pauses)
            if c.stopped_at
            else None
        )
    return result


def board_agency(pk: int):
    """An active agency by id, or None (the page says 404)."""
    from sunshine.kernel.orgs.models import Agency

    if not 0 < pk < 2**31:
        return None
    return Agency.objects.filter(pk=pk, is_active=True).first()


def board_agencies():
    """The agencies that have clocks, for the agency chooser (tree order); kept 60 s in the
    cache (an agency whose first clock just started may appear up to a minute late)."""
    facts_at = stats.built_at()
    key = f"clockboard:agencies:v1:{facts_at.isoformat() if facts_at else 'live'}"
    found = cache.get(key)
    if found is None:
        found = list(stats.agencies_with_clocks())
        cache.set(key, found, 60)
    return found


# --- CSV and chart ---------------------------------------------------------------------------

CSV_HEADER = (
    _("模块"),
    _("期限类型"),
    _("法定期限"),
    _("办结数"),
    _("按期办结数"),
    _("逾期办结数"),
    _("按期办结率(%)"),
    _("办理用时中位数(工作日)"),
    _("办理用时90%分位(工作日)"),
    _("当前逾期"),
    _("计时中"),
    _("暂停"),
)


def _num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def csv_rows(b: Board) -> list[list[str]]:
    """The board as CSV rows (header first, a 合计 row last): the numbers of the page."""
    out = [[str(h) for h in CSV_HEADER]]
    for r in [*b.rows, None]:
        s = r.stats if r else b.total
        out.append(
            [
                str(r.module_label) if r else str(_("合计")),
                str(r.label) if r else "",
                r.limit if r else "",
                _num(s.finished),
                _num(s.on_time),
                _num(s.late),
                _num(s.on_time_percent),
                _num(s.median_wd),
                _num(s.p90_wd),
                _num(s.overdue),
                _num(s.running),
                _num(s.paused),
            ]
        )
    return out


def bar_chart(rows: list[BoardRow]) -> dict:
    """A bar chart of the on-time rate per rule (drawn as SVG by the templates, one bar per
    rule with something finished, its label and value as text beside it): `width` is the
    bar's length on a 0–100 scale."""
    bars = []
    for r in rows:
        rate = r.stats.on_time_rate
        if rate is None:
            continue
        bars.append(
            {
                "label": f"{r.module_label} · {r.label}",
                "percent": r.stats.on_time_percent,
                "width": round(rate * 100, 2),
                "low": rate < 0.9,
                "finished": r.stats.finished,
            }
        )
    return {"bars": bars}
