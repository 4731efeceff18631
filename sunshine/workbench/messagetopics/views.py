"""Staff pages of 留言统计与热点: statistics of the user's agencies (all agencies for the
general office) with CSV/XLSX export, the groups of similar messages and their review
(merge, split). Thin: selectors and services decide what a user may see and do."""

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel import clock
from sunshine.kernel.access.policy import agencies_for, can_anywhere
from sunshine.kernel.accounts.forms import report_refusal
from sunshine.participation.messagetopics import selectors, services
from sunshine.participation.messagetopics.charts import bars
from sunshine.participation.messagetopics.choices import GroupKind
from sunshine.participation.messagetopics.exports import agency_table, to_csv, to_xlsx
from sunshine.participation.messagetopics.stats import statistics_with_agencies

from ..access import may_anywhere, staff_required
from ..actions import run_action

PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_view(user) -> None:
    if not may_anywhere(user, "message_topics.view_stats"):
        raise PermissionDenied(_("您没有查看留言统计的权限。"))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _scope(request) -> dict:
    """Agencies and dates of the request: the general office may see all agencies; other staff
    their own (and may narrow to one of them)."""
    user = request.user
    everywhere = can_anywhere(user, "message_topics.review")
    allowed = list(agencies_for(user, "message_topics.view_stats").order_by("path"))
    chosen = request.GET.get("agency", "")
    agency_ids = None if everywhere else [a.pk for a in allowed]
    if chosen.isdigit() and any(a.pk == int(chosen) for a in allowed):
        agency_ids = [int(chosen)]
    today = clock.today()
    since = _date(request.GET.get("since")) or dt.date(today.year, 1, 1)
    until = _date(request.GET.get("until")) or today
    if since > until:
        since, until = until, since
    return {
        "agency_ids": agency_ids,
        "since": since,
        "until": until,
        "agencies": allowed if len(allowed) <= 200 else allowed[:200],
        "chosen": chosen,
        "everywhere": everywhere,
    }


@never_cache
@staff_required
def statistics(request):
    _require_view(request.user)
    scope = _scope(request)
    # One reading of the summary for the figures and the per-agency table.
    result, numbers = statistics_with_agencies(
        agency_ids=scope["agency_ids"], since=scope["since"], until=scope["until"]
    )
    header, rows = agency_table(numbers=numbers)
    context = {
        **scope,
        "stats": result,
        "header": header,
        "rows": rows,
        "category_chart": bars(
            [(r["category"] or _("未分类"), r["count"]) for r in result["by_category"]]
        ),  # fmt: skip
        "period_chart": bars(
            [
                (f"{p['period']:%Y-%m}" if p["period"] else "", p["count"])
                for p in result["by_period"]
            ]
        ),  # fmt: skip
        "query": request.GET.urlencode(),
    }
    return render(request, "workbench/messagetopics/stats.html", context)


@never_cache
@staff_required
def export(request, fmt):
    _require_view(request.user)
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("不支持的导出格式。"))
    scope = _scope(request)
    header, rows = agency_table(
        agency_ids=scope["agency_ids"], since=scope["since"], until=scope["until"]
    )
    name = _("留言统计-%(since)s-%(until)s") % {"since": scope["since"], "until": scope["until"]}
    if fmt == "csv":
        response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_xlsx(header, rows, title=_("留言统计")), content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"messages.{fmt}\"; filename*=UTF-8''{quote(name)}.{fmt}"
    )
    return response


@never_cache
@staff_required
def group_list(request):
    _require_view(request.user)
    kind = request.GET.get("kind", "")
    kind = kind if kind in GroupKind.values else ""
    q = request.GET.get("q", "").strip()[:50]
    groups = selectors.staff_groups(request.user, kind=kind or None, q=q or None)
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kind": kind,
        "kinds": GroupKind.choices,
        "q": q,
        "may_review": can_anywhere(request.user, "message_topics.review"),
    }
    return render(request, "workbench/messagetopics/groups.html", context)


def _group(request, pk):
    group = selectors.staff_group(request.user, pk)
    if group is None:
        raise Http404(_("该分组不存在，或不在您的权限范围内。"))
    return group


@never_cache
@staff_required
def group_detail(request, pk):
    _require_view(request.user)
    group = _group(request, pk)
    context = {
        "group": group,
        "members": selectors.staff_group_messages(request.user, group),
        "may_review": can_anywhere(request.user, "message_topics.review"),
    }
    return render(request, "workbench/messagetopics/group.html", context)


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


@require_POST
@staff_required
def group_merge(request):
    ids = _ids(request.POST.getlist("group"))
    groups = [g for g in (selectors.staff_group(request.user, pk) for pk in ids) if g]
    if len(groups) < 2:
        messages.error(request, _("请至少选择两个分组进行合并。"))
        return redirect("workbench:messagetopics_groups")
    target = max(groups, key=lambda g: (g.message_count, -g.pk))
    return run_action(
        request,
        lambda: services.merge_groups(target=target, others=groups, actor=request.user),
        success=_("已合并 %(n)d 个分组。") % {"n": len(groups)},
        redirect_to=reverse("workbench:messagetopics_group", args=[target.pk]),
        refused_to=reverse("workbench:messagetopics_groups"),
    )


@require_POST
@staff_required
def group_split(request, pk):
    group = _group(request, pk)

    def next_page(result) -> str:
        if result.pk != group.pk:
            return reverse("workbench:messagetopics_group", args=[result.pk])
        if selectors.staff_group(request.user, group.pk) is None:  # too few messages were left
            return reverse("workbench:messagetopics_groups")
        return reverse("workbench:messagetopics_group", args=[group.pk])

    return run_action(
        request,
        lambda: services.split_group(
            group=group, message_ids=_ids(request.POST.getlist("message")), actor=request.user
        ),
        success=_("已拆分所选留言。"),
        redirect_to=next_page,
        refused_to=reverse("workbench:messagetopics_group", args=[group.pk]),
    )


@require_POST
@staff_required
def group_refresh(request):
    try:
        count = services.recompute_hot_topics(actor=request.user)
        if request.POST.get("regroup"):
            services.regroup_now(actor=request.user)
            messages.info(request, _("已安排重新分组，完成后热点将自动更新。"))
    except PermissionDenied as exc:
        report_refusal(request, exc)
        return redirect("workbench:messagetopics_groups")
    messages.success(request, _("已更新 %(n)d 个分组的热度。") % {"n": count})
    return redirect("workbench:messagetopics_groups")
