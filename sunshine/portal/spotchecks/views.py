"""双随机、一公开 on the portal: the plans drawn (/sjgk/) and one plan (/sjgk/<id>/) with its
published draw (method, announced number, canonical inputs, digest, seed, the drawn targets
with their inspectors, the command that re-runs it) and, once published, the result per
target (公示)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.governance.spotchecks.draw import METHOD
from sunshine.governance.spotchecks.selectors import drawn_rows, public_plan, public_plans

from ..pagecache import anonymous_page_cache, render_context

PAGE_SIZE = 20
COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("双随机、一公开"),
    "column_type": gettext_lazy("政务公开"),
}


@anonymous_page_cache
def plan_list(request):
    page = Paginator(public_plans(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **COLUMN,
        "page": page,
        "article_title": _("双随机、一公开"),
        "keywords": _("双随机一公开,随机抽查,抽查结果公示"),
        "description": _(
            "随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开。"
        ),
    }
    return render(request, "portal/spotchecks/list.html", render_context(request, context))


@anonymous_page_cache
def plan_detail(request, pk):
    plan = public_plan(pk)
    if plan is None:
        raise Http404(_("该抽查计划不存在或尚未抽取。"))
    published = plan.state == "published"
    context = {
        **COLUMN,
        "plan": plan,
        "rows": drawn_rows(plan, with_results=published),
        "published": published,
        "method": METHOD,
        "article_title": plan.title,
        "content_source": plan.agency.name,
        "author": plan.agency.name,
        "pub_date": f"{plan.drawn_at:%Y-%m-%d}",
        "description": _("%(agency)s双随机抽查：%(item)s")
        % {"agency": plan.agency.name, "item": plan.check_item_name},
    }
    return render(request, "portal/spotchecks/detail.html", render_context(request, context))
