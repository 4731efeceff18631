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

Up to 50,000 URLs /sitemap.xml is one <urlset>; beyond that it becomes a <sitemapindex> of
/sitemap-<n>.xml files of 50,000 each (the protocol's limit per file). Anonymous responses are
cached for a minute (pagecache)."""

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.http import Http404, HttpResponse
from django.urls import reverse

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


Section = Callable[..., Iterable]
_SECTIONS: Registry[Section] = Registry("sitemap section", in_order_added=True)


def register_sitemap_section(name: str, items: Section) -> None:
    """Add (or replace) the section `name`: items(request) -> iterable of SitemapUrl."""
    _SECTIONS.add(name, items)


def unregister_sitemap_section(name: str) -> None:
    _SECTIONS.remove(name)


def sitemap_sections() -> list[str]:
    return list(_SECTIONS)


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


def sitemap_urls(request) -> list[SitemapUrl]:
    """Every URL of every section, absolute and without duplicates, in section order."""
    seen: set[str] = set()
    result = []
    for name, section in list(_SECTIONS.items()):
        try:
            items = list(section(request))
        except Exception:  # one broken section must not take the whole sitemap down
            logger.exception("sitemap section %s failed", name)
            continue
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
