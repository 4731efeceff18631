"""Writes to the working calendar. Each change renews the calendar version (so every process
rebuilds its copy), is audited, and recomputes every open deadline clock in the same
transaction (rules.md §1: "when the holiday calendar is edited or imported, every open deadline
is recomputed and the change is audited").

`actor=None` means the system itself (data migration, management commands run by an operator);
a signed-in user must hold "calendar.edit"."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from . import bundle
from .calendar import FIRST_DAY, forget_snapshot
from .models import CalendarDay, CalendarState, CalendarYear


def _authorize(actor) -> None:
    if actor is not None:
        require(actor, "calendar.edit")


def _year_snapshot(year: CalendarYear) -> dict:
    return {
        "year": year.year,
        "loaded": year.loaded,
        "source": year.source,
        "papers": year.papers,
        "days": [[d.date.isoformat(), d.is_off_day, d.name] for d in year.days.order_by("date")],
    }


def _calendar_changed(*, actor, reason: str) -> dict:
    """Renew the version, drop cached copies, recompute the open clocks."""
    CalendarState.objects.update_or_create(id=1, defaults={"version": secrets.randbits(62)})
    forget_snapshot()
    transaction.on_commit(forget_snapshot)
    # The deadline engine depends on the calendar, so it is imported here, not at the top.
    from sunshine.kernel.deadlines.services import recompute_open_clocks

    return recompute_open_clocks(actor=actor, reason=reason)


@transaction.atomic
def import_calendar(*, actor, raw: bytes | str | dict, source: str = "import") -> CalendarYear:
    """Import (or replace) one year's notice from a file in the holiday-cn format. A bad file
    raises ValidationError and nothing is saved."""
    _authorize(actor)
    parsed = bundle.parse_calendar(raw)
    if not parsed.days:
        raise ValidationError(
            _("%(year)s 年的文件中没有任何日期，未导入（通知可能尚未发布）。")
            % {"year": parsed.year}
        )
    clashes = (
        CalendarDay.objects.filter(date__in=[d.date for d in parsed.days])
        .exclude(notice__year=parsed.year)
        .select_related("notice")
        .order_by("date")
    )
    clash = clashes.first()
    if clash is not None:
        raise ValidationError(
            _("日期 %(date)s 已由 %(other)s 年的通知设定，请先在该年度中删除。")
            % {"date": clash.date.isoformat(), "other": clash.notice.year}
        )
    existing = CalendarYear.objects.filter(year=parsed.year).first()
    before = _year_snapshot(existing) if existing else None
    year = bundle.write_year(CalendarYear, CalendarDay, parsed, source=source, now=clock.now())
    after = _year_snapshot(year)
    recomputed = _calendar_changed(
        actor=actor, reason=_("导入 %(y)s 年节假日安排") % {"y": year.year}
    )
    record_event(
        action="calendar.import",
        actor=actor,
        obj=year,
        summary=_("导入 %(y)s 年节假日安排（%(n)s 天）") % {"y": year.year, "n": len(parsed.days)},
        data={"year": year.year, "days": len(parsed.days), "source": source, **recomputed},
        before=before,
        after=after,
    )
    return year


@transaction.atomic
def load_bundled_calendar(*, actor=None, replace: bool = False) -> list[int]:
    """Load the years shipped in data/ that are not loaded yet (all of them with replace=True).
    Idempotent. Years without days (not yet published) get a row marked not loaded. Returns
    the years loaded by this call."""
    _authorize(actor)
    loaded_now = []
    for parsed in bundle.bundled_years():
        existing = CalendarYear.objects.filter(year=parsed.year).first()
        if not parsed.days:
            if existing is None:
                CalendarYear.objects.create(
                    year=parsed.year, loaded=False, source=CalendarYear.Source.BUNDLED
                )
            continue
        if existing is not None and existing.loaded and not replace:
            continue
        bundle.write_year(
            CalendarYear, CalendarDay, parsed, source=CalendarYear.Source.BUNDLED, now=clock.now()
        )
        loaded_now.append(parsed.year)
    if loaded_now:
        recomputed = _calendar_changed(actor=actor, reason=_("加载随系统发布的节假日安排"))
        record_event(
            action="calendar.load_bundled",
            actor=actor,
            summary=_("加载节假日安排：%(years)s") % {"years": ", ".join(map(str, loaded_now))},
            data={"years": loaded_now, **recomputed},
        )
    return loaded_now


def _notice_for(day: dt.date, notice_year: int | None) -> CalendarYear:
    year = notice_year or day.year
    if not day.year - 1 <= year <= day.year + 1:
        raise ValidationError(
            _("日期 %(date)s 不能属于 %(year)s 年的通知（前后各一年）。")
            % {"date": day.isoformat(), "year": year}
        )
    notice, _created = CalendarYear.objects.get_or_create(
        year=year, defaults={"source": CalendarYear.Source.MANUAL}
    )
    return notice


@transaction.atomic
def set_calendar_day(
    *,
    actor,
    date: dt.date,
    is_off_day: bool,
    name: str = "",
    notice_year: int | None = None,
) -> CalendarDay:
    """Add or change one day: a holiday (is_off_day=True) or a 调休 make-up working day."""
    _authorize(actor)
    if date < FIRST_DAY:
        raise ValidationError(
            _("日期 %(date)s 早于工作日历的起始日期 %(first)s。")
            % {"date": date.isoformat(), "first": FIRST_DAY.isoformat()}
        )
    name = (name or "").strip()
    if len(name) > 40:
        raise ValidationError(_("名称最多 40 个字符。"))
    day = CalendarDay.objects.select_related("notice").filter(date=date).first()
    before = [day.is_off_day, day.name, day.notice.year] if day else None
    if day is None:
        day = CalendarDay(date=date)
    if day.pk is None or notice_year:
        day.notice = _notice_for(date, notice_year)
    day.is_off_day, day.name = is_off_day, name
    day.save()
    recomputed = _calendar_changed(actor=actor, reason=_("修改日期 %(d)s") % {"d": date})
    record_event(
        action="calendar.day_set",
        actor=actor,
        obj=day.notice,
        summary=_("设定 %(d)s 为%(kind)s")
        % {"d": date.isoformat(), "kind": _("休息日") if is_off_day else _("调休工作日")},
        data={"date": date.isoformat(), "is_off_day": is_off_day, "name": name, **recomputed},
        before=before,
        after=[day.is_off_day, day.name, day.notice.year],
    )
    return day


@transaction.atomic
def delete_calendar_day(*, actor, date: dt.date) -> None:
    """Remove a listed day: it then follows the normal week again."""
    _authorize(actor)
    day = CalendarDay.objects.select_related("notice").filter(date=date).first()
    if day is None:
        raise ValidationError(_("日期 %(d)s 不在节假日安排中。") % {"d": date.isoformat()})
    notice, before = day.notice, [day.is_off_day, day.name, day.notice.year]
    day.delete()
    recomputed = _calendar_changed(actor=actor, reason=_("删除日期 %(d)s") % {"d": date})
    record_event(
        action="calendar.day_delete",
        actor=actor,
        obj=notice,
        summary=_("删除节假日安排日期 %(d)s") % {"d": date.isoformat()},
        data={"date": date.isoformat(), **recomputed},
        before=before,
    )


@transaction.atomic
def set_year_loaded(*, actor, year: int, loaded: bool) -> CalendarYear:
    """Mark a year's notice as loaded (its days are complete) or not (its answers are then
    provisional: the days already listed, the statutory holidays for years from 2025, and
    Monday–Friday for the rest)."""
    _authorize(actor)
    if year < FIRST_DAY.year:
        raise ValidationError(_("年份不能早于 %(y)s。") % {"y": FIRST_DAY.year})
    row, _created = CalendarYear.objects.get_or_create(
        year=year, defaults={"source": CalendarYear.Source.MANUAL}
    )
    if row.loaded == loaded:
        return row
    before = {"loaded": row.loaded}
    row.loaded = loaded
    row.loaded_at = clock.now() if loaded else row.loaded_at
    row.save()
    recomputed = _calendar_changed(actor=actor, reason=_("变更 %(y)s 年加载状态") % {"y": year})
    record_event(
        action="calendar.year_loaded" if loaded else "calendar.year_unloaded",
        actor=actor,
        obj=row,
        summary=(
            _("%(y)s 年节假日安排标记为已加载") if loaded else _("%(y)s 年节假日安排标记为未加载")
        )
        % {"y": year},
        data={"year": year, "loaded": loaded, **recomputed},
        before=before,
        after={"loaded": loaded},
    )
    return row
