"""What the annual report reads from other domains, registered at start-up (the domains do not
import each other; this shell reads their public selectors):

- 行政许可 and 行政处罚, 本年处理决定数量 (table 二, 第二十条第（五）（六）项): the decisions of
  行政执法公示 (双公示) with a 决定日期 in the year — the published ones and those withdrawn
  from publication afterwards (the decision was made all the same), as the public can count
  them on the portal;
- the 权责清单: how many 行政许可, 行政处罚 and 行政强制 items were in force on 31 December,
  offered as a sentence for section 一. The platform records no 行政强制 decisions, so that row
  of table 二 is entered by staff (marked 人工填报) until a module provides it.

And the dashboard queue: the open reports of the user's agencies, on their clocks."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.annualreport.providers import (
    FactProvider,
    FigureProvider,
    register_facts,
    register_figure,
)
from sunshine.disclosure.annualreport.selectors import open_reports_for
from sunshine.governance.enforcement.choices import DecisionKind
from sunshine.governance.enforcement.selectors import public_decisions
from sunshine.governance.powers.choices import PowerKind
from sunshine.governance.powers.selectors import public_list

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def _decisions(kind: str):
    def count(agency, year: int, *, within: bool = False) -> int:
        rows = public_decisions(kind=kind, agency_id=agency.pk, include_withdrawn=True)
        if not within:
            rows = rows.filter(agency_id=agency.pk)
        return rows.filter(decided_on__year=year).order_by().count()

    return count


LICENSES = FigureProvider(
    key="enforcement-licensing",
    row="licensing",
    label=gettext_lazy("行政执法公示"),
    value=_decisions(DecisionKind.LICENSE),
)
PENALTIES = FigureProvider(
    key="enforcement-penalty",
    row="penalty",
    label=gettext_lazy("行政执法公示"),
    value=_decisions(DecisionKind.PENALTY),
)


def power_facts(agency, year: int, *, within: bool = False) -> list[str]:
    on = dt.date(year, 12, 31)
    versions = public_list(agency_id=agency.pk, on=on)
    if not within:
        versions = versions.filter(item__agency_id=agency.pk)
    counts = {k: versions.filter(item__kind=k).count() for k in PowerKind.values}
    if not any(counts.values()):
        return []
    return [
        _(
            "截至%(year)s年12月31日，本机关权责清单共有事项%(total)s项，其中行政许可%(licensing)s项、"
            "行政处罚%(penalty)s项、行政强制%(coercion)s项。"
        )
        % {
            "year": year,
            "total": sum(counts.values()),
            "licensing": counts[PowerKind.LICENSING],
            "penalty": counts[PowerKind.PENALTY],
            "coercion": counts[PowerKind.COERCION],
        }
    ]


POWERS = FactProvider(key="powers", label=gettext_lazy("权责清单"), facts=power_facts)


def open_reports(user, limit: int) -> list[QueueItem]:
    if not may_anywhere(user, "annualreport.edit"):
        return []
    return [
        QueueItem(
            title=str(r),
            url=reverse("workbench:annualreport_detail", args=[r.agency_id, r.year]),
            due=timezone.localdate(r.due_at) if r.due_at else None,
            label=_("信息公开年报"),
        )
        for r in open_reports_for(user, limit=limit)
    ]


def register() -> None:
    register_figure(LICENSES)
    register_figure(PENALTIES)
    register_facts(POWERS)
    register_queue_provider("annualreport", open_reports)
