"""sitemap.xml (sitemaps.org protocol 0.9) and robots.txt for the portal.

Features add their public pages as a section; the portal never imports them:

    from sunshine.portal.sitemaps import SitemapUrl, register_sitemap_section

    def interpretation_urls(request):
        for pk, changed in public_interpretations().values_list("pk", "updated_at"):
            yield SitemapUrl(f"/zcjd/{pk}/", lastmod=changed)

    register_sitemap_section("interpretations", interpretation_urls)

`items(request)` yields SitemapUrl objects, (location, lastmod) pairs or dicts with
"location"/"lastmod"; a location is a path on this site or an absolute URL. A section must only
ever yield public pages. The home page and the site's columns are built in.

A section that would iterate a queryset yields `SitemapRows(queryset.values_list(...), urls)`
instead: the rows of every section are then read in one query (UNION ALL, each column as text
and converted back by its field's type), and `urls(*row)` makes the URL(s) of each row. With
one query per section the sitemap made 21 queries with a cold cache; it makes about five.
Plain fields only (no aggregates). The rows come in no particular order within a section
(SQLite refuses ORDER BY/LIMIT in a compound query); a sliced queryset (the 200 hottest …)
is read as the rows whose primary key is among the slice's.

A section itself makes no query (it builds querysets; `urls` makes none either): the sitemap's
queries do not grow with the number of sections or rows (sunshine/demo/tests/test_whole_demo.py).

    def interpretation_urls(request):
        yield SitemapUrl("/zcjd/", changefreq="daily")
        rows = public_interpretations().values_list("pk", "updated_at")
        yield SitemapRows(rows, lambda pk, changed: SitemapUrl(f"/zcjd/{pk}/", lastmod=changed))

Up to 50,000 URLs /sitemap.xml is one <urlset>; beyond that it becomes a <sitemapindex> of
/sitemap-<n>.xml files of 50,000 each (the protocol's limit per file). Anonymous responses are
cached for a minute (pagecache)."""

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.db import models
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from sunshine.kernel.registry import Registry

from .feeds import rfc3339
from .pagecache import anonymous_page_cache

logger = logging.getLogger(__name__)

MAX_URLS = 50_000
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
CONTENT_TYPE = "application/xml; charset=utf-8"


@dataclass(frozen=True)
class SitemapUrl:
    location: str
    lastmod: dt.date | dt.datetime | None = None
    changefreq: str = ""  # always, hourly, daily, weekly, monthly, yearly, never
    priority: float | None = None  # 0.0–1.0


@dataclass(frozen=True)
class SitemapRows:
    """The rows of a values_list queryset (plain fields) and the URL(s) of a row:
    urls(*row) -> a SitemapUrl or an iterable of them."""

    queryset: models.QuerySet
    urls: Callable


Section = Callable[..., Iterable]
_SECTIONS: Registry[Section] = Registry("sitemap section", in_order_added=True)


def register_sitemap_section(name: str, items: Section) -> None:
    """Add (or replace) the section `name`: items(request) -> iterable of SitemapUrl."""
    _SECTIONS.add(name, items)


def unregister_sitemap_section(name: str) -> None:
    _SECTIONS.remove(name)


def sitemap_sections() -> list[str]:
    return list(_SECTIONS)


def sitemap_section(name: str) -> Section:
    return _SECTIONS.get(name)


def section_urls(section: Section, request) -> list[SitemapUrl]:
    """The URLs one section gives on its own, its SitemapRows read one by one (for tests and
    tools; the sitemap itself reads the rows of all sections at once)."""
    urls = []
    for item in section(request):
        if not isinstance(item, SitemapRows):
            urls.append(_normalise(item))
            continue
        for row in item.queryset:
            made = item.urls(*row)
            urls += [made] if isinstance(made, SitemapUrl) else list(made)
    return urls


def _normalise(item) -> SitemapUrl:
    if isinstance(item, SitemapUrl):
        return item
    if isinstance(item, tuple):
        return SitemapUrl(*item)
    if isinstance(item, dict):
        return SitemapUrl(**item)
    return SitemapUrl(item.location, getattr(item, "lastmod", None))


def _lastmod(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return rfc3339(value)
    return value.isoformat()


def _types(qs) -> list:
    """The field of each column of a values_list queryset (to read its text back)."""
    return [col.output_field for col in qs.query.select]


def _back(value, field):
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        parsed = parse_datetime(value)
        if parsed is not None and timezone.is_naive(parsed):  # SQLite stores UTC, naive
            parsed = timezone.make_aware(parsed, dt.UTC)
        return parsed
    if isinstance(field, models.DateField):
        return parse_date(value[:10])
    if isinstance(field, models.BooleanField):
        return value.lower() in ("1", "t", "true")
    if isinstance(field, models.IntegerField | models.AutoField | models.ForeignKey):
        return int(value)
    return value


def _unsliced(qs):
    """A compound query takes no LIMIT in its branches: the rows of a sliced values_list
    queryset as those whose primary key is in the slice (a subquery, which may have one)."""
    if not qs.query.is_sliced:
        return qs
    names = list(qs.query.values_select)
    keys = qs.values_list("pk", flat=True)
    return qs.model._base_manager.filter(pk__in=keys).values_list(*names)


def _read_rows(parts: list[SitemapRows]) -> list[list[tuple]]:
    """The rows of every part, in one UNION ALL query (each column cast to text)."""
    if not parts:
        return []
    querysets = [_unsliced(p.queryset) for p in parts]
    types = [_types(qs) for qs in querysets]
    width = max(len(t) for t in types)
    branches = []
    for number, (qs, fields) in enumerate(zip(querysets, types, strict=True)):
        names = list(qs.query.values_select)
        if len(names) != len(fields):
            raise ValueError("SitemapRows needs a values_list of plain fields")
        columns = [Cast(n, models.TextField()) for n in names]
        columns += [models.Value(None, output_field=models.TextField())] * (width - len(names))
        branch = qs.order_by().values_list(
            models.Value(number, output_field=models.IntegerField()), *columns
        )
        branches.append(branch)
    query = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    rows: list[list[tuple]] = [[] for _p in parts]
    for number, *values in query.iterator(chunk_size=5000):
        fields = types[number]
        rows[number].append(tuple(_back(v, f) for v, f in zip(values, fields, strict=False)))
    return rows


def _section_items(request) -> list[tuple[str, list]]:
    """(section, its items) with each SitemapRows already expanded, all rows in one query."""
    sections = []
    parts: list[SitemapRows] = []
    for name, section in list(_SECTIONS.items()):
        try:
            items = list(section(request))
        except Exception:  # one broken section must not take the whole sitemap down
            logger.exception("sitemap section %s failed", name)
            continue
        sections.append((name, items))
        parts += [i for i in items if isinstance(i, SitemapRows)]
    if not parts:
        return sections
    try:
        read = dict(zip((id(p) for p in parts), _read_rows(parts), strict=True))
    except Exception:  # the one query failed: each section's rows on its own (and logged)
        logger.exception("sitemap rows in one query failed")
        read = {}
    out = []
    for name, items in sections:
        expanded = []
        try:
            for item in items:
                if not isinstance(item, SitemapRows):
                    expanded.append(item)
                    continue
                rows = read.get(id(item))
                if rows is None:
                    rows = list(item.queryset)
                for row in rows:
                    made = item.urls(*row)
                    expanded += [made] if isinstance(made, SitemapUrl) else list(made)
        except Exception:
            logger.exception("sitemap section %s failed", name)
            continue
        out.append((name, expanded))
    return out


def sitemap_urls(request) -> list[SitemapUrl]:
    """Every URL of every section, absolute and without duplicates, in section order."""
    seen: set[str] = set()
    result = []
    for _name, items in _section_items(request):
        for raw in items:
            item = _normalise(raw)
            location = request.build_absolute_uri(item.location)
            if location in seen:
                continue
            seen.add(location)
            result.append(SitemapUrl(location, item.lastmod, item.changefreq, item.priority))
    return result


def _urlset(urls: list[SitemapUrl]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NS}">']
    for url in urls:
        parts = [f"<loc>{escape(url.location)}</loc>"]
        if url.lastmod is not None:
            parts.append(f"<lastmod>{_lastmod(url.lastmod)}</lastmod>")
        if url.changefreq:
            parts.append(f"<changefreq>{url.changefreq}</changefreq>")
        if url.priority is not None:
            parts.append(f"<priority>{url.priority:.1f}</priority>")
        lines.append(f"<url>{''.join(parts)}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _newest(urls: list[SitemapUrl]):
    dated = [_lastmod(u.lastmod) for u in urls if u.lastmod is not None]
    return max(dated) if dated else None


def _index(request, chunks: list[list[SitemapUrl]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NS}">']
    for number, chunk in enumerate(chunks, start=1):
        location = request.build_absolute_uri(reverse("portal:sitemap_page", args=[number]))
        newest = _newest(chunk)
        lastmod = f"<lastmod>{newest}</lastmod>" if newest else ""
        lines.append(f"<sitemap><loc>{escape(location)}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def _chunks(urls: list[SitemapUrl]) -> list[list[SitemapUrl]]:
    return [urls[i : i + MAX_URLS] for i in range(0, len(urls), MAX_URLS)] or [[]]


def _xml(text: str) -> HttpResponse:
    return HttpResponse(text.encode("utf-8"), content_type=CONTENT_TYPE)


@anonymous_page_cache
def sitemap(request):
    urls = sitemap_urls(request)
    if len(urls) <= MAX_URLS:
        return _xml(_urlset(urls))
    return _xml(_index(request, _chunks(urls)))


@anonymous_page_cache
def sitemap_page(request, number: int):
    chunks = _chunks(sitemap_urls(request))
    if not 1 <= number <= len(chunks) or len(chunks) == 1:
        raise Http404
    return _xml(_urlset(chunks[number - 1]))


@anonymous_page_cache
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /workbench/",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# --- Built-in sections: the home page and the site's columns ----------------------------


def _home(request):
    yield SitemapUrl(reverse("portal:home"), changefreq="daily", priority=1.0)


def _columns(request):
    site = getattr(request, "site", None)
    for slug, _name, _kind in getattr(site, "columns", ()) or ():
        yield SitemapUrl(reverse("portal:column", args=[slug]), changefreq="daily", priority=0.8)


register_sitemap_section("home", _home)
register_sitemap_section("columns", _columns)
