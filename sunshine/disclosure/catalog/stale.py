"""Stale catalog items (目录事项过期未公开; rules.md §2: an item with no publication within its
time limit is flagged stale).

What counts as the item's publications: the records linked to it that are public now (published
主动公开 records, as the records selectors decide), dated by their 发布日期. Only active items
with 公开方式 主动 are checked; items whose 公开时限 states no rule (kind "none") never are.

The rule, by the kind of time limit (timelimits.py):

- Event-driven ("信息形成或变更之日起20个工作日内", "实时" = 1 wd): the information's birth
  is not known to the catalog, so the clock starts at the later of the item's creation and the
  catalog's last completed review (the baseline). The item is stale when its limit has passed
  since the baseline (working days on the official calendar) and it has NO linked public record
  at all. Period key: "since-<baseline>", so a new review starts a new period.
- Periodic ("每年3月底前", "每季度结束后15日内", "每月10日前"): each period (year, half,
  quarter, month) has a due date. A publication counts for the period whose due date is nearest
  to its 发布日期 (so a budget published in April counts, late, for that year's 31 March, and
  one published in December counts, early, for next year's). Once a period's due date has
  passed (the day after it), the item is stale until a linked public record dated in that
  period's window is published, or until the next period's due date passes and that period is
  judged instead. Periods due before the item was created are not judged. Period key: the
  period's label ("2026", "2026-H1", "2026-Q2", "2026-05").

The daily task (tasks.check_stale_items) recomputes every flag, audits each flag that flips,
and tells the agency's disclosure officers once per item and period (StaleNotice). The editing
services recompute an item's flag at once (e.g. linking a record clears it) without telling
anyone."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel import clock
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.workcalendar.calendar import current_calendar

from .choices import LimitKind, Mode
from .models import Catalog, CatalogItem, CatalogItemRecord, StaleNotice
from .notices import tell_officers, workbench_url
from .timelimits import TimeLimit, event_due, period_dues


@dataclass(frozen=True)
class Verdict:
    stale: bool
    period: str = ""
    due: dt.date | None = None


FRESH = Verdict(False)


def _midpoint(a: dt.date, b: dt.date) -> dt.date:
    return a + (b - a) // 2


def evaluate(
    item: CatalogItem,
    *,
    today: dt.date,
    published: list[dt.date],
    reviewed_on: dt.date | None,
    add_workdays,
) -> Verdict:
    """Whether `item` is stale today, given the 发布日期 of its linked public records."""
    limit = TimeLimit.from_fields(item)
    if not item.active or item.mode != Mode.PROACTIVE or limit.kind == LimitKind.NONE:
        return FRESH
    created_on = timezone.localdate(item.created_at)
    if limit.is_event:
        baseline = max(created_on, reviewed_on) if reviewed_on else created_on
        due = event_due(limit, baseline, add_workdays)
        if today > due and not published:
            return Verdict(True, f"since-{baseline.isoformat()}", due)
        return FRESH
    dues = period_dues(limit, range(today.year - 2, today.year + 2), add_workdays)
    passed = [i for i, (_label, due) in enumerate(dues) if due < today]
    if not passed:
        return FRESH
    i = passed[-1]
    label, due = dues[i]
    if due < created_on:
        return FRESH
    low = _midpoint(dues[i - 1][1], due) if i > 0 else dt.date.min
    high = _midpoint(due, dues[i + 1][1]) if i + 1 < len(dues) else dt.date.max
    if any(low < day <= high for day in published):
        return FRESH
    return Verdict(True, label, due)


def published_dates(items: list[CatalogItem]) -> dict[int, list[dt.date]]:
    """item pk -> 发布日期 of its linked public records (one query)."""
    rows = CatalogItemRecord.objects.filter(
        item__in=[i.pk for i in items], record__in=public_records().values("pk")
    ).values_list("item_id", "record__date_published")
    dates: dict[int, list[dt.date]] = {}
    for item_id, day in rows:
        if day is not None:
            dates.setdefault(item_id, []).append(day)
    return dates


def _notify(item: CatalogItem, verdict: Verdict, catalog: Catalog) -> bool:
    notice, created = StaleNotice.objects.get_or_create(
        item=item,
        period=verdict.period,
        defaults={"due": verdict.due, "notified_at": clock.now()},
    )
    if not created:
        return False
    tell_officers(
        agency=catalog.agency,
        event="catalog.stale",
        subject=_("目录事项过期未公开：%(item)s") % {"item": str(item)[:80]},
        body=_(
            "%(catalog)s中的事项“%(item)s”（公开时限：%(limit)s）应于 %(due)s 前公开，"
            "但尚无关联的已公开信息。请发布相关信息并在目录中关联，或修改该事项。"
        )
        % {
            "catalog": catalog,
            "item": str(item)[:80],
            "limit": item.time_limit or "—",
            "due": f"{verdict.due:%Y-%m-%d}",
        },
        obj=item,
        url=workbench_url("catalog_item", item.pk),
    )
    return True


@dataclass
class RefreshResult:
    checked: int = 0
    flagged: int = 0
    cleared: int = 0
    notified: int = 0


def refresh_items(items: list[CatalogItem], *, notify: bool = False) -> RefreshResult:
    """Recompute the stale flags of `items` (of any catalogs); with `notify`, tell the
    officers of each newly stale item and period. Call inside a transaction."""
    result = RefreshResult(checked=len(items))
    if not items:
        return result
    today, cal = clock.today(), current_calendar()

    def add_workdays(start: dt.date, n: int) -> dt.date:
        return cal.add_workdays(start, n)[0]

    catalogs = {
        c.pk: c
        for c in Catalog.objects.select_related("agency").filter(
            pk__in={i.catalog_id for i in items}
        )
    }
    dates = published_dates(items)
    for item in items:
        catalog = catalogs[item.catalog_id]
        reviewed = catalog.reviewed_at
        verdict = evaluate(
            item,
            today=today,
            published=dates.get(item.pk, []),
            reviewed_on=timezone.localdate(reviewed) if reviewed else None,
            add_workdays=add_workdays,
        )
        current = Verdict(item.stale, item.stale_period, item.stale_due)
        if verdict != current:
            item.stale, item.stale_period, item.stale_due = (
                verdict.stale,
                verdict.period,
                verdict.due,
            )
            CatalogItem.objects.filter(pk=item.pk).update(
                stale=verdict.stale, stale_period=verdict.period, stale_due=verdict.due
            )
            if verdict.stale:
                result.flagged += 1
            elif current.stale:
                result.cleared += 1
            if verdict.stale or current.stale:
                record_event(
                    action="catalog.item_stale" if verdict.stale else "catalog.item_fresh",
                    obj=item,
                    agency=catalog.agency,
                    summary=str(item)[:300],
                    data={"period": verdict.period or current.period, "due": verdict.due},
                )
        if notify and verdict.stale and _notify(item, verdict, catalog):
            result.notified += 1
    return result


def check_all_catalogs() -> dict:
    """The daily task: every catalog's items, one transaction per catalog (idempotent)."""
    totals = RefreshResult()
    for catalog_id in Catalog.objects.values_list("pk", flat=True):
        with transaction.atomic():
            items = list(
                CatalogItem.objects.filter(Q(active=True) | Q(stale=True), catalog_id=catalog_id)
            )
            result = refresh_items(items, notify=True)
        for name in ("checked", "flagged", "cleared", "notified"):
            setattr(totals, name, getattr(totals, name) + getattr(result, name))
    return vars(totals)
