"""权力清单 and 责任清单 on the portal: the list of items in force (/qlqd/) with search and
filters (事项类型, 机关), the same items by their responsibility columns (/qlqd/zrqd/), and one
item (/qlqd/<id>/) with every version and its effective dates. A 行政许可 links to its service
item in the online service hall (by 事项编码) when that item is published there."""

from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.governance.powers.choices import PowerKind
from sunshine.governance.powers.exports import file_name, stream_public_list
from sunshine.governance.powers.selectors import (
    kind_counts,
    public_agencies_with_items,
    public_item,
    public_list,
    status_of,
    version_on,
)
from sunshine.servicehall.catalog.selectors import public_item as public_service_item

from ..pagecache import anonymous_page_cache, render_context

PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("权力清单"),
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
        "kind": kind if kind in PowerKind.values else "",
        "agency_id": agency_id,
    }


def _query(filters: dict) -> str:
    """The filters as a query string (for the download link: the same list as the page)."""
    pairs = {"q": filters["q"], "kind": filters["kind"], "agency": filters["agency_id"] or ""}
    return urlencode({k: v for k, v in pairs.items() if v})


def _list(request, *, template: str, title: str, export: str):
    filters = _filters(request)
    versions = public_list(
        q=filters["q"], kind=filters["kind"], agency_id=filters["agency_id"] or None
    )
    counts = kind_counts(public_list(q=filters["q"], agency_id=filters["agency_id"] or None))
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **COLUMN,
        **filters,
        "page": page,
        "kinds": [(value, label, counts.get(value, 0)) for value, label in PowerKind.choices],
        "agencies": public_agencies_with_items(),
        "export_url": reverse(export) + (f"?{_query(filters)}" if _query(filters) else ""),
        "article_title": title,
        "keywords": _("权力清单,责任清单,权责清单,行政许可,行政处罚,行政检查"),
        "description": _(
            "各机关权力清单和责任清单：事项类型、设定依据、实施主体、责任事项和追责情形。"
        ),
    }
    return render(request, template, render_context(request, context))


@anonymous_page_cache
def power_list(request):
    return _list(
        request,
        template="portal/powers/list.html",
        title=_("权力清单"),
        export="portal:powers_export",
    )


@anonymous_page_cache
def responsibility_list(request):
    return _list(
        request,
        template="portal/powers/responsibility.html",
        title=_("责任清单"),
        export="portal:powers_responsibility_export",
    )


@anonymous_page_cache
def power_detail(request, pk):
    item = public_item(pk)
    if item is None:
        raise Http404(_("该权力事项不存在或尚未生效。"))
    current = version_on(item)
    service_url = ""
    if current.service_code and public_service_item(current.service_code) is not None:
        service_url = reverse("portal:service_item_detail", args=[current.service_code])
    context = {
        **COLUMN,
        "item": item,
        "current": current,
        "status": status_of(item),
        "versions": list(item.versions.all()),
        "service_url": service_url,
        "article_title": current.name,
        "content_source": item.agency.name,
        "author": item.agency.name,
        "pub_date": current.effective_from.isoformat(),
        "keywords": ",".join([_("权力清单"), str(item.get_kind_display()), item.agency.name]),
        "description": current.basis[:120],
    }
    return render(request, "portal/powers/detail.html", render_context(request, context))


def _export(request, *, responsibility: bool):
    """The list with the page's filters as an XLSX file, streamed while it is written (not
    cached: it starts at once however long the list is)."""
    filters = _filters(request)
    body = stream_public_list(
        q=filters["q"],
        kind=filters["kind"],
        agency_id=filters["agency_id"] or None,
        responsibility=responsibility,
    )
    response = StreamingHttpResponse(body, content_type=XLSX)
    name = file_name(responsibility=responsibility)
    ascii_name = "responsibilities.xlsx" if responsibility else "powers.xlsx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def power_export(request):
    return _export(request, responsibility=False)


def responsibility_export(request):
    return _export(request, responsibility=True)
