"""The 数据资源目录 as DCAT-AP 3 (/catalog.ttl, /catalog.jsonld, /catalog.rdf), 100 datasets a
page (?page=N) with Hydra paging links; built by the domain's dcat module with rdflib."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.opendata.datasets import selectors
from sunshine.opendata.datasets.dcat import catalog_graph

PER_PAGE = 100
FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8", "opendata_catalog_ttl"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8", "opendata_catalog_jsonld"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8", "opendata_catalog_rdf"),
}


def urls_for(fmt: str) -> dict:
    return {
        "catalog": reverse(f"portal:{FORMATS[fmt][2]}"),
        "dataset": lambda name: reverse("portal:opendata_detail", args=[name]),
        "resource": lambda name, rid: reverse("portal:opendata_resource", args=[name, rid]),
        "download": lambda name, rid: reverse("portal:opendata_download", args=[name, rid]),
        "org": selectors.org_slug,
    }


def build(request, fmt: str, page: int):
    datasets, total = selectors.catalog_page(page=page, per_page=PER_PAGE)
    if page > 1 and not datasets:
        raise Http404(_("没有这一页。"))
    site = request.site
    return catalog_graph(
        datasets=datasets,
        total=total,
        page=page,
        per_page=PER_PAGE,
        base=request.build_absolute_uri("/"),
        urls=urls_for(fmt),
        title=_("%(site)s公共数据资源目录") % {"site": site.name},
        description=_(
            "%(site)s各机关的政府数据资源目录：无条件开放、有条件开放和不予开放的数据资源。"
        )
        % {"site": site.name},
        publisher_name=site.sponsor or site.name,
        modified=selectors.last_modified(),
    )


def catalog(request, fmt: str):
    try:
        page = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        page = 1
    graph = build(request, fmt, page)
    serializer, content_type, _name = FORMATS[fmt]
    body = graph.serialize(format=serializer, encoding="utf-8")
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response
