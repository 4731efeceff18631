"""Reading and checking holiday files in the holiday-cn format (see data/README.md):

    {"year": 2026, "papers": ["https://www.gov.cn/..."],
     "days": [{"name": "春节", "date": "2026-02-14", "isOffDay": false}, ...]}

Used by the data migration, `load_bundled_calendar()` and staff imports alike."""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "data"
FIRST_YEAR = 2007  # the first year of the official calendar we ship
LAST_YEAR = 2100  # a sanity bound for imports


@dataclass
class ParsedDay:
    date: dt.date
    is_off_day: bool
    name: str


@dataclass
class ParsedYear:
    year: int
    papers: list[str] = field(default_factory=list)
    days: list[ParsedDay] = field(default_factory=list)


def parse_calendar(raw: bytes | str | dict) -> ParsedYear:
    """Check a file and return its content; any problem raises ValidationError (in Chinese),
    naming the first bad entry."""
    if isinstance(raw, bytes | str):
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationError(_("文件不是有效的 JSON：%(error)s") % {"error": exc}) from exc
    else:
        data = raw
    if not isinstance(data, dict):
        raise ValidationError(_("文件内容应为一个 JSON 对象（含 year、papers、days）。"))
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValidationError(_("缺少年份（year）或年份不是整数。"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("年份 %(year)s 超出范围（%(first)s–%(last)s）。")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    papers = data.get("papers", [])
    if not isinstance(papers, list) or not all(isinstance(p, str) for p in papers):
        raise ValidationError(_("通知网址（papers）应为字符串列表。"))
    days_raw = data.get("days")
    if not isinstance(days_raw, list):
        raise ValidationError(_("缺少日期列表（days）。"))
    parsed = ParsedYear(year=year, papers=[p.strip() for p in papers])
    seen: set[dt.date] = set()
    for index, item in enumerate(days_raw, start=1):
        parsed.days.append(_parse_day(item, index, year, seen))
    return parsed


def _parse_day(item, index: int, year: int, seen: set[dt.date]) -> ParsedDay:
    where = {"n": index}
    if not isinstance(item, dict):
        raise ValidationError(_("第 %(n)s 条不是对象。") % where)
    value = item.get("date")
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or len(value) != 10:
        raise ValidationError(_("第 %(n)s 条的日期无效（应为 YYYY-MM-DD）。") % where)
    if not year - 1 <= day.year <= year + 1:
        raise ValidationError(
            _("第 %(n)s 条的日期 %(date)s 不在 %(year)s 年通知的范围内（前后各一年）。")
            % {"n": index, "date": day, "year": year}
        )
    if day in seen:
        raise ValidationError(_("日期 %(date)s 重复出现。") % {"date": day})
    seen.add(day)
    off = item.get("isOffDay")
    if not isinstance(off, bool):
        raise ValidationError(_("第 %(n)s 条的 isOffDay 应为 true 或 false。") % where)
    name = item.get("name", "")
    if not isinstance(name, str) or len(name) > 40:
        raise ValidationError(_("第 %(n)s 条的名称无效（最多 40 个字符）。") % where)
    return ParsedDay(date=day, is_off_day=off, name=name.strip())


def bundled_files() -> list[Path]:
    return sorted(DATA_DIR.glob("20[0-9][0-9].json"))


def bundled_years() -> list[ParsedYear]:
    return [parse_calendar(path.read_bytes()) for path in bundled_files()]


def write_year(calendar_year_model, calendar_day_model, parsed: ParsedYear, *, source, now):
    """Replace one notice's days with `parsed` (model classes passed in so that the data
    migration can use its historical models). Returns the year row."""
    year, _created = calendar_year_model.objects.get_or_create(year=parsed.year)
    calendar_day_model.objects.filter(notice=year).delete()
    calendar_day_model.objects.bulk_create(
        calendar_day_model(date=d.date, is_off_day=d.is_off_day, name=d.name, notice=year)
        for d in parsed.days
    )
    year.loaded = bool(parsed.days)
    year.source = source
    year.papers = parsed.papers
    year.loaded_at = now if parsed.days else None
    year.save()
    return year


def seed_bundled(calendar_year_model, calendar_day_model, calendar_state_model, *, now) -> None:
    """Load every shipped year not loaded yet and renew the calendar's version: the seeding of
    a fresh database (the data migration) and of a flushed one (apps.py). No audit event: this
    restores the shipped state, it is nobody's change."""
    import secrets

    for parsed in bundled_years():
        existing = calendar_year_model.objects.filter(year=parsed.year).first()
        if existing is not None and existing.loaded:
            continue
        write_year(calendar_year_model, calendar_day_model, parsed, source="bundled", now=now)
    calendar_state_model.objects.update_or_create(id=1, defaults={"version": secrets.randbits(62)})
