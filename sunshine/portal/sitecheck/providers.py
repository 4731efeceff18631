"""What the portal gives 网站自查 and the yearly 政府网站工作年度报表 at start-up (registries in
sunshine/assessment/sitecheck/sources.py). The shell may read other domains' public selectors
and the kernel's clocks; the assessment domain may not.

- 留言 unanswered for more than 3 months: the open 留言 reply clocks started before the cutoff
  of the messages module (its `unanswered_cutoff`), each linked to its clock;
- the yearly figures: items published per column (the portal's column providers), 留言
  received and answered with the on-time rate (their reply clocks), 办件 received and finished
  (their 承诺时限 clocks)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.assessment.sitecheck.sources import (
    Figure,
    FigureSource,
    Item,
    UnansweredSource,
    register_figures,
    register_unanswered,
)
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.orgs.models import Agency
from sunshine.participation.messages.selectors import REPLY_RULE, unanswered_cutoff
from sunshine.servicehall.applications.rules import TOTAL as SERVICE_TOTAL_RULE

from ..columns import column_items

OPEN = [Clock.State.RUNNING, Clock.State.PAUSED]
COLUMN_ITEMS_LIMIT = 2000


def _scoped(qs, target):
    """The clocks of the site's agency subtree (a department's site); the portal of the
    government (its agency is the root) sees all."""
    if target.agency_id is None:
        return qs
    path = Agency.objects.filter(pk=target.agency_id).values_list("path", flat=True).first()
    return qs.filter(agency__path__startswith=path) if path else qs


def unanswered_messages(target) -> list[Item]:
    clocks = _scoped(
        Clock.objects.filter(rule=REPLY_RULE, state__in=OPEN, started_at__lt=unanswered_cutoff()),
        target,
    ).order_by("started_at")[:200]
    return [
        Item(
            title=_("留言（期限 %(pk)s）") % {"pk": c.pk},
            url=c.get_absolute_url(),
            date=c.started_at,
        )
        for c in clocks
    ]


def _bounds(year: int):
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def _in_year(value, year: int) -> bool:
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return isinstance(value, dt.date) and value.year == year


def column_figures(target, year: int) -> list[Figure]:
    figures, total = [], 0
    for slug, name, _kind in target.identity.columns:
        count = sum(
            1 for i in column_items(None, slug, COLUMN_ITEMS_LIMIT) if _in_year(i.date, year)
        )
        total += count
        figures.append(Figure(f"column:{slug}", _(name), count, _("条")))
    return [
        Figure("columns", _("栏目数量"), len(target.identity.columns), _("个")),
        Figure("updates", _("全年发布信息"), total, _("条")),
        *figures,
    ]


def _clock_figures(target, year: int, rule: str, labels: tuple[str, str, str, str]) -> list[Figure]:
    start, end = _bounds(year)
    clocks = _scoped(
        Clock.objects.filter(rule=rule, started_at__gte=start, started_at__lt=end), target
    )
    received = clocks.count()
    done = clocks.filter(state=Clock.State.STOPPED)
    finished = done.count()
    met = done.filter(met_deadline=True).count()
    rate = round(met / finished * 100, 1) if finished else "—"
    return [
        Figure(f"{rule}:received", labels[0], received, labels[3]),
        Figure(f"{rule}:finished", labels[1], finished, labels[3]),
        Figure(f"{rule}:on_time", labels[2], rate, "%" if finished else ""),
    ]


def message_figures(target, year: int) -> list[Figure]:
    return _clock_figures(
        target, year, REPLY_RULE, (_("收到留言"), _("办结留言"), _("按期答复率"), _("条"))
    )


def service_figures(target, year: int) -> list[Figure]:
    return _clock_figures(
        target,
        year,
        SERVICE_TOTAL_RULE,
        (_("受理办件"), _("办结办件"), _("按承诺时限办结率"), _("件")),
    )


def register():
    register_unanswered(UnansweredSource("messages", unanswered_messages))
    register_figures(FigureSource("columns", gettext_lazy("栏目与信息更新"), column_figures, 10))
    register_figures(FigureSource("messages", gettext_lazy("互动交流"), message_figures, 20))
    register_figures(FigureSource("services", gettext_lazy("办事服务"), service_figures, 30))
