"""站内搜索 (/search/?q=...): the public search over every indexed document (政府信息 first),
with filters as facet links, exact 文号 / 索引号 matches, highlighted snippets, sorting,
pagination and "did you mean". On a site of the cluster that shows an agency's subtree (a
city's site) the search covers that subtree, with a switch to the whole cluster (`scope=all`),
through the index's own agency-subtree filter (`within`).
Thin: the results come from records.indexing.search_public,
which only ever returns public, visible documents. Bad parameters are ignored, never an
error page (a hand-edited link still shows results)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.records.choices import Validity
from sunshine.disclosure.records.indexing import FILTER_CHOICES, search_public
from sunshine.kernel.orgs.selectors import public_agencies
from sunshine.kernel.search.registry import doc_types

from ..pagecache import anonymous_page_cache, render_context
from . import zero

PER_PAGE = 20
MAX_PAGE = 500  # deeper pages are not useful and cost the database
FACET_SHOWN = 8  # values shown before "more"
PARAMS = ("q", "agency", "within", "year", "topic", "kind", "validity", "type", "sort", "scope")
FACET_GROUPS = [  # (facet, parameter, heading)
    ("doc_type", "type", gettext_lazy("类别")),
    ("agency", "agency", gettext_lazy("公开主体")),
    ("year", "year", gettext_lazy("成文年份")),
    ("topic", "topic", gettext_lazy("主题分类")),
    ("kind", "kind", gettext_lazy("公文种类")),
]
EXAMPLES = ["阳光政务", "政务公开", "粤府办〔2016〕", "高速公路 收费"]


def _positive(value, upper: int | None = None) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    if number < 1 or (upper is not None and number > upper):
        return None
    return number


def search_params(data) -> dict:
    """The search parameters of a query string; values that are not allowed are dropped."""
    choice = {name: {v for v, _label in choices} for name, choices in FILTER_CHOICES.items()}
    types = {t.name for t in doc_types()}
    params = {
        "q": " ".join(str(data.get("q", "")).split())[:200],
        "agency": _positive(data.get("agency")),
        "within": _positive(data.get("within")),
        "year": _positive(data.get("year"), 9999),
        "topic": data.get("topic", "") if data.get("topic") in choice["topic"] else "",
        "kind": data.get("kind", "") if data.get("kind") in choice["kind"] else "",
        "validity": data.get("validity", "") if data.get("validity") in choice["validity"] else "",
        "type": data.get("type", "") if data.get("type") in types else "",
        "sort": "date" if data.get("sort") == "date" else "relevance",
        "scope": "all" if data.get("scope") == "all" else "",  # "": this site
    }
    params["page"] = min(_positive(data.get("page")) or 1, MAX_PAGE)
    return params


def query_string(params: dict, **changes) -> str:
    """`?...` for the parameters with some changed (None / "" drops one); the page is
    dropped unless given (a new filter starts at page 1)."""
    merged = {**{k: params.get(k) for k in PARAMS}, **changes}
    if merged.get("sort") == "relevance":
        merged["sort"] = None
    pairs = [(k, merged[k]) for k in (*PARAMS, "page") if merged.get(k) not in (None, "", 1)]
    return "?" + urlencode(pairs)


def _facet_groups(results, params) -> list[dict]:
    groups = []
    for facet, param, heading in FACET_GROUPS:
        values = results.facets.get(facet, [])
        if facet == "doc_type" and len(values) < 2 and not params["type"]:
            continue  # one kind of document: nothing to choose
        links = []
        for value in values:
            active = str(params.get(param) or "") == str(value.value)
            url = query_string(params, **{param: None if active else value.value})
            links.append({"label": value.label, "count": value.count, "url": url, "active": active})
        if links:
            groups.append(
                {"heading": heading, "shown": links[:FACET_SHOWN], "more": links[FACET_SHOWN:]}
            )
    validity = [
        {
            "label": label,
            "url": query_string(params, validity=None if params["validity"] == value else value),
            "active": params["validity"] == value,
        }
        for value, label in Validity.choices
    ]
    groups.append({"heading": _("有效性"), "shown": validity, "more": []})
    return groups


def _site_within(site, params) -> int | None:
    """The agency whose subtree a search on this site covers: the site's own (a city's site)
    unless the visitor switched to the whole cluster or chose an agency."""
    if params["within"] or params["scope"] == "all" or not getattr(site, "scoped", False):
        return params["within"]
    return site.agency_id


def _scope_filter(site, params) -> dict | None:
    """The switch between this site and the whole cluster, shown with the active filters
    (its link goes to the other scope; typed query and filters kept)."""
    if not getattr(site, "scoped", False) or params["within"]:
        return None
    if params["scope"] == "all":
        return {
            "heading": _("搜索范围"),
            "label": _("全部站点（点击只搜本站）"),
            "url": query_string(params, scope=None),
        }
    return {
        "heading": _("搜索范围"),
        "label": _("本站：%(site)s（点击搜索全部站点）") % {"site": site.name},
        "url": query_string(params, scope="all"),
    }


def _active_filters(results, params) -> list[dict]:
    labels = {
        facet: {str(v.value): v.label for v in results.facets.get(facet, [])}
        for facet, _p, _h in FACET_GROUPS
    }
    active = []
    for facet, param, heading in FACET_GROUPS:
        value = params.get(param)
        if value:
            label = labels[facet].get(str(value), str(value))
            active.append({"heading": heading, "label": label, "url": query_string(params, **{param: None})})  # fmt: skip
    if params["validity"]:
        label = dict(Validity.choices)[params["validity"]]
        active.append({"heading": _("有效性"), "label": label, "url": query_string(params, validity=None)})  # fmt: skip
    if params["within"]:
        agency = (
            public_agencies().select_related(None).filter(pk=params["within"]).only("name").first()
        )
        label = _("%(name)s及下级机关") % {"name": agency.name} if agency else str(params["within"])
        active.append({"heading": _("机关"), "label": label, "url": query_string(params, within=None)})  # fmt: skip
    return active


def _pages(results, params) -> list[dict]:
    """Page links around the current one, with the first and the last."""
    last, current = min(results.num_pages, MAX_PAGE), results.page
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    pages, previous = [], 0
    for n in numbers:
        if n - previous > 1:
            pages.append({"gap": True})
        pages.append({"number": n, "url": query_string(params, page=n), "current": n == current})
        previous = n
    return pages


@anonymous_page_cache
def search(request):
    params = search_params(request.GET)
    filtered = any(params[k] for k in PARAMS if k not in ("q", "sort"))
    context = {
        "current_column": "search",  # no column of the nav is current
        "column_name": _("站内搜索"),
        "column_type": _("搜索"),
        "article_title": _("搜索：%(q)s") % {"q": params["q"]} if params["q"] else _("站内搜索"),
        "keywords": params["q"] or _("站内搜索"),
        "description": _("在%(site)s搜索政府信息：标题、正文、附件、文号和索引号。")
        % {"site": request.site.name},
        "params": params,
        "search_q": params["q"],  # the header's search box shows the query too
        "examples": [{"q": q, "url": query_string({}, q=q)} for q in EXAMPLES],
    }
    if not params["q"] and not filtered:  # nothing asked yet: explain what can be searched
        return render(request, "portal/search/search.html", render_context(request, context))
    results = search_public(
        params["q"],
        agency=params["agency"],
        within=_site_within(request.site, params),
        year=params["year"],
        topic=params["topic"],
        kind=params["kind"],
        validity=params["validity"],
        doc_type=params["type"],
        sort=params["sort"],
        page=params["page"],
        per_page=PER_PAGE,
    )
    context.update(
        {
            "results": results,
            "searched": True,
            "first": (results.page - 1) * results.per_page + 1,
            "last": (results.page - 1) * results.per_page + len(results.hits),
            "facet_groups": _facet_groups(results, params),
            "active_filters": [f for f in [_scope_filter(request.site, params)] if f]
            + _active_filters(results, params),
            "sort_links": [
                {
                    "label": _("按相关度"),
                    "url": query_string(params, sort="relevance"),
                    "current": results.sort == "relevance",
                },
                {
                    "label": _("按日期"),
                    "url": query_string(params, sort="date"),
                    "current": results.sort == "date",
                },
            ],  # fmt: skip
            "pages": _pages(results, params) if results.num_pages > 1 else [],
            "previous_url": query_string(params, page=results.page - 1)
            if results.has_previous
            else "",
            "next_url": query_string(params, page=results.page + 1) if results.has_next else "",
            "suggestion_url": query_string(params, q=results.suggestion)
            if results.suggestion
            else "",
            "clear_url": query_string({"q": params["q"]}),
            **zero.zero_result_context(params, results, query_string),  # 没有找到？试试…
        }
    )
    zero.count_search(params, results)  # 热门搜索: counts only, nothing about the visitor
    return render(request, "portal/search/search.html", render_context(request, context))
