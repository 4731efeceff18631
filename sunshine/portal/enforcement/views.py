"""行政执法公示 (双公示) on the portal: published 行政许可 and 行政处罚 decisions (/xzzf/) with
search and filters, one decision (/xzzf/<id>/; a withdrawn one shows its number, title and the
reason it was withdrawn, nothing else), and the Atom feed of the newest. Natural persons are
masked by the selectors (`public_view`)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.governance.enforcement.choices import DecisionKind
from sunshine.governance.enforcement.selectors import (
    public_agencies,
    public_decision,
    public_decisions,
    public_view,
)

from ..feeds import AtomEntry, AtomFeed, atom_response, excerpt, tag_uri
from ..pagecache import anonymous_page_cache, render_context

PAGE_SIZE = 30
FEED_SIZE = 50
COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("行政执法公示"),
    "column_type": gettext_lazy("政务公开"),
}


def _filters(request) -> dict:
    kind = request.GET.get("kind", "")
    try:
        agency_id = int(request.GET.get("agency") or 0)
    except ValueError:
        agency_id = 0
    return {
        "q": request.GET.get("q", "").strip()[:100],
        "kind": kind if kind in DecisionKind.values else "",
        "agency_id": agency_id if 0 < agency_id < 2**31 else 0,
    }


@anonymous_page_cache
def decision_list(request):
    filters = _filters(request)
    rows = public_decisions(
        q=filters["q"], kind=filters["kind"], agency_id=filters["agency_id"] or None
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **COLUMN,
        **filters,
        "page": page,
        "decisions": [public_view(d) for d in page.object_list],
        "kinds": DecisionKind.choices,
        "agencies": public_agencies(),
        "article_title": _("行政执法公示"),
        "keywords": _("双公示,行政许可,行政处罚,行政执法公示"),
        "description": _("各机关作出的行政许可和行政处罚决定，自决定之日起7个工作日内公示。"),
    }
    return render(request, "portal/enforcement/list.html", render_context(request, context))


@anonymous_page_cache
def decision_detail(request, pk):
    decision = public_decision(pk)
    if decision is None:
        raise Http404(_("该执法决定不存在或尚未公示。"))
    view = public_view(decision)
    context = {
        **COLUMN,
        "d": view,
        "article_title": f"{view.title}（{view.doc_number}）",
        "content_source": view.agency_name,
        "author": view.agency_name,
        "pub_date": decision.published_at.date().isoformat() if decision.published_at else "",
        "keywords": ",".join([_("行政执法公示"), view.kind_label, view.agency_name]),
        "description": excerpt(view.content or view.withdraw_reason, 120),
    }
    return render(request, "portal/enforcement/detail.html", render_context(request, context))


@anonymous_page_cache
def decision_feed(request):
    site = request.site
    host = site.host or request.get_host()
    list_url = request.build_absolute_uri(reverse("portal:enforcement_list"))
    entries = []
    for decision in public_decisions()[:FEED_SIZE]:
        view = public_view(decision)
        entries.append(
            AtomEntry(
                id=tag_uri(host, decision.published_at, f"xzzf/{decision.pk}"),
                title=f"{view.title}（{view.party_name}）",
                link=request.build_absolute_uri(
                    reverse("portal:enforcement_detail", args=[decision.pk])
                ),
                published=decision.published_at,
                updated=decision.updated_at,
                summary=f"{view.kind_label} {view.doc_number}。{excerpt(view.content, 160)}",
                author=view.agency_name,
                categories=[view.kind_label],
            )
        )
    feed = AtomFeed(
        id=list_url,
        title=_("%(site)s · 行政执法公示") % {"site": site.name},
        subtitle=_("行政许可和行政处罚决定公示"),
        alternate=list_url,
        self_link=request.build_absolute_uri(request.path),
        author=site.sponsor or site.name,
        entries=entries,
    )
    return atom_response(feed)
