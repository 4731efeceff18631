"""留言热点 (/hdjl/rd/), one hot topic with its published messages (/hdjl/rd/<id>/) and the
public statistics (/hdjl/tj/). Thin: the selectors return published data only; titles are the
masked subjects of published messages."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel import clock
from sunshine.participation.messagetopics.charts import bars
from sunshine.participation.messagetopics.choices import GroupKind
from sunshine.participation.messagetopics.selectors import (
    public_group,
    public_hot_topics,
    published_messages_of,
)
from sunshine.participation.messagetopics.stats import cached_message_statistics

from ..pagecache import anonymous_page_cache, render_context

COLUMN = {
    "current_column": "hdjl",
    "column_name": gettext_lazy("互动交流"),
    "column_type": gettext_lazy("留言热点"),
}
PAGE_SIZE = 20
KINDS = {"topic": GroupKind.SAME_TOPIC, "dup": GroupKind.NEAR_DUPLICATE}


@anonymous_page_cache
def hot_topics(request):
    kind_key = request.GET.get("kind", "topic")
    kind = KINDS.get(kind_key, GroupKind.SAME_TOPIC)
    groups = list(public_hot_topics(kind=kind, limit=50))
    context = {
        **COLUMN,
        "article_title": _("留言热点"),
        "groups": groups,
        "kind_key": kind_key if kind_key in KINDS else "topic",
        "description": _("按留言数量、点赞和时间综合排列的网民留言热点话题。"),
    }
    return render(request, "portal/messagetopics/hot.html", render_context(request, context))


@anonymous_page_cache
def hot_topic_detail(request, pk):
    group = public_group(pk)
    if group is None:
        raise Http404(_("该热点不存在或没有公开的留言。"))
    page = Paginator(published_messages_of(group), PAGE_SIZE).get_page(request.GET.get("page"))
    title = group.public_representative.public_subject if group.public_representative else ""
    context = {
        **COLUMN,
        "article_title": title,
        "group": group,
        "page": page,
        "title": title,
    }
    return render(request, "portal/messagetopics/detail.html", render_context(request, context))


def _year(value: str) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 2000 <= year <= 2100 else None


def _percent(rate) -> str:
    return f"{rate * 100:.1f}" if rate is not None else ""


@anonymous_page_cache
def statistics(request):
    today = clock.today()
    year = _year(request.GET.get("year"))
    since = dt.date(year, 1, 1) if year else None
    until = dt.date(year, 12, 31) if year else None
    result = cached_message_statistics(
        since=since, until=until, period="year" if not year else "month"
    )
    periods = [
        (
            (f"{p['period']:%Y}" if not year else f"{p['period']:%m}") if p["period"] else "",
            p["count"],
        )
        for p in result["by_period"]
    ]
    context = {
        **COLUMN,
        "column_type": _("留言统计"),
        "article_title": _("留言统计"),
        "year": year,
        "years": list(range(today.year, today.year - 10, -1)),
        "stats": result,
        "on_time_percent": _percent(result["replies"]["on_time_rate"]),
        "satisfaction_percent": _percent(result["satisfaction"]["satisfaction_rate"]),
        "category_chart": bars(
            [(r["category"] or _("未分类"), r["count"]) for r in result["by_category"]]
        ),  # fmt: skip
        "agency_chart": bars(
            [(r["agency_name"] or _("未指定单位"), r["count"]) for r in result["by_agency"][:15]]
        ),  # fmt: skip
        "period_chart": bars(periods),
    }
    return render(request, "portal/messagetopics/stats.html", render_context(request, context))
