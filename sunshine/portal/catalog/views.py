"""主动公开基本目录 on the portal: the agencies with a catalog (/gkml/), one agency's catalog
(/gkml/<agency id>/) grouped by 一级事项 with every column and the published records of each
item, and the same as an XLSX download. Thin: everything public comes from the catalog
selectors, which link only public records."""

from urllib.parse import quote

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.catalog.selectors import (
    grouped_by_category,
    public_catalog,
    public_catalogs,
    public_item_rows,
    public_items,
)
from sunshine.disclosure.catalog.xlsx import HEADER, SHEET_TITLE, WIDTHS, item_cells
from sunshine.kernel.files.streaming import xlsx_stream

from ..pagecache import anonymous_page_cache, render_context
from .agency_links import links_for
from .links import record_path_template

COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("主动公开基本目录"),
    "column_type": gettext_lazy("政务公开"),
}
RECORDS_SHOWN = 5  # per item; the rest are counted
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOAD_MAX_ROWS = 100_000  # items in one public download (settings.CATALOG_DOWNLOAD_MAX_ROWS)


@anonymous_page_cache
def catalog_list(request):
    catalogs = list(public_catalogs())
    newest = max((c.updated_at for c in catalogs), default=None)
    context = {
        **COLUMN,
        "catalogs": catalogs,
        "article_title": _("主动公开基本目录"),
        "pub_date": f"{timezone.localtime(newest):%Y-%m-%d %H:%M}" if newest else "",
        "keywords": _("主动公开基本目录,政务公开,基层政务公开标准目录"),
        "description": _("各机关主动公开基本目录：公开事项、内容、依据、时限、主体、渠道和载体。"),
    }
    return render(request, "portal/catalog/list.html", render_context(request, context))


def _catalog_or_404(agency_id):
    catalog = public_catalog(agency_id)
    if catalog is None:
        raise Http404(_("该机关尚未公布主动公开基本目录。"))
    return catalog


@anonymous_page_cache
def catalog_detail(request, agency_id):
    catalog = _catalog_or_404(agency_id)
    items = public_items(catalog)
    template = record_path_template()
    for item in items:
        records = item.public_records
        item.shown_records = [
            {"record": r, "url": template.format(r.pk) if template else ""}
            for r in records[:RECORDS_SHOWN]
        ]
        item.more_records = max(0, len(records) - RECORDS_SHOWN)
    # Each item with published records gets a second table row listing them; the 一级事项
    # cell spans all the rows of its group.
    groups = [
        {
            "category": category,
            "items": members,
            "rows": len(members) + sum(1 for i in members if i.shown_records),
        }
        for category, members in grouped_by_category(items)
    ]
    agency = catalog.agency
    updated = timezone.localtime(catalog.updated_at)
    context = {
        **COLUMN,
        "catalog": catalog,
        "agency": agency,
        "groups": groups,
        "item_count": len(items),
        "agency_links": links_for(agency),
        "article_title": str(catalog),
        "pub_date": f"{updated:%Y-%m-%d %H:%M}",
        "content_source": agency.name,
        "author": agency.name,
        "keywords": ",".join(
            [_("主动公开基本目录"), agency.name, *dict.fromkeys(i.category for i in items)][:12]
        ),
        "description": _("%(agency)s主动公开基本目录，共 %(n)s 个事项。")
        % {"agency": agency.name, "n": len(items)},
    }
    return render(request, "portal/catalog/detail.html", render_context(request, context))


def download_max_rows() -> int:
    """Items a public download may hold (settings.CATALOG_DOWNLOAD_MAX_ROWS)."""
    return int(getattr(settings, "CATALOG_DOWNLOAD_MAX_ROWS", DOWNLOAD_MAX_ROWS))


def catalog_download(request, agency_id):
    """The catalog as XLSX in the standard column layout (the public's copy: active items).

    Streamed (issue 12.3): the rows are read from the database in chunks and each chunk of the
    file is sent as soon as it is written, so memory stays constant whatever the catalog's
    size and the first bytes leave at once — what a citizen clicking "下载" expects (a file,
    not a job page to come back to). A catalog over download_max_rows() items is refused
    with a page that says so, before any row is read."""
    catalog = _catalog_or_404(agency_id)
    rows = public_item_rows(catalog)
    count, limit = rows.count(), download_max_rows()
    if count > limit:
        context = {
            **COLUMN,
            "catalog": catalog,
            "agency": catalog.agency,
            "article_title": str(catalog),
            "count": count,
            "limit": limit,
        }
        return render(request, "portal/catalog/download_refused.html", context, status=403)
    name = f"{catalog}.xlsx"
    stream = xlsx_stream(
        (item_cells(item) for item in rows.iterator(chunk_size=1000)),
        header=HEADER,
        sheet_title=SHEET_TITLE,
        widths=WIDTHS,
    )
    response = StreamingHttpResponse(stream, content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"catalog-{catalog.agency_id}.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
