"""站内搜索 for anyone: GET /api/v1/search?q=...&agency=&year=&topic=&kind=&validity=&sort=&page=

The same search as the portal's /search/ page (records.indexing.search_public): only public,
visible documents are ever counted, faceted or returned. `title_html` and `snippet` are
HTML-escaped text with the matched words in <mark> (safe to insert as HTML); `title` is plain."""

import datetime as dt
import html

from django.utils.html import strip_tags
from ninja import Query, Router, Schema

from sunshine.disclosure.records.indexing import search_public

from ..pagination import id_param

router = Router(tags=["search"])

MAX_PER_PAGE = 50
MAX_PAGE = 500


class SearchHitOut(Schema):
    type: str
    type_label: str
    id: str
    title: str
    title_html: str
    snippet: str
    url: str
    date: dt.date | None
    doc_number: str
    index_number: str
    agency: str
    agency_id: int | None
    year: int | None
    topic: str
    kind: str
    validity: str
    exact: bool


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    q: str
    total: int
    total_exact: bool  # False: total and facet counts are estimates (more than 2,000 matches)
    page: int
    per_page: int
    num_pages: int
    sort: str
    suggestion: str | None
    hits: list[SearchHitOut]
    facets: dict[str, list[FacetValueOut]]


def _hit(hit, request) -> dict:
    return {
        "type": hit.doc_type,
        "type_label": hit.doc_type_label,
        "id": hit.object_id,
        "title": html.unescape(strip_tags(hit.title)),
        "title_html": str(hit.title),
        "snippet": str(hit.snippet),
        "url": request.build_absolute_uri(hit.url) if hit.url else "",
        "date": hit.date,
        "doc_number": hit.doc_number,
        "index_number": hit.index_number,
        "agency": hit.agency_name,
        "agency_id": hit.agency_id,
        "year": hit.year,
        "topic": hit.topic,
        "kind": hit.kind,
        "validity": hit.validity,
        "exact": hit.exact,
    }


@router.get("", response=SearchOut, summary="站内搜索")
def search(
    request,
    q: str = Query("", max_length=200, description="关键词、文号（或其开头）、索引号"),
    agency: int | None = id_param("公开主体（机关编号），只看该机关"),
    within: int | None = id_param("机关编号：该机关及其下级机关"),
    year: int | None = Query(None, ge=1900, le=9999, description="成文年份"),
    topic: str = Query("", description="主题分类代码，如 general、industry"),
    kind: str = Query("", description="公文种类代码，如 notice、opinion"),
    validity: str = Query("", description="有效性：valid、expired、repealed"),
    type: str = Query("", description="文档类别，如 record（政府信息）"),
    sort: str = Query("relevance", pattern="^(relevance|date)$", description="relevance 或 date"),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    per_page: int = Query(20, ge=1, le=MAX_PER_PAGE),
):
    """Public documents matching the query, best first (or newest first with sort=date; an
    empty query lists by date), with facet counts for year, agency, topic, kind and type."""
    results = search_public(
        q,
        agency=agency,
        within=within,
        year=year,
        topic=topic,
        kind=kind,
        validity=validity,
        doc_type=type,
        sort=sort,
        page=page,
        per_page=per_page,
    )
    return {
        "q": results.q,
        "total": results.total,
        "total_exact": getattr(results, "total_exact", True),
        "page": results.page,
        "per_page": results.per_page,
        "num_pages": results.num_pages,
        "sort": results.sort,
        "suggestion": results.suggestion,
        "hits": [_hit(h, request) for h in results.hits],
        "facets": {
            name: [{"value": str(v.value), "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
    }
