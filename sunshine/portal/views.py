"""Public portal pages. Thin: content comes from the column providers (columns.py)."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sunshine.kernel import clock

from . import columns, homepage
from .pagecache import anonymous_page_cache, render_context

# The home page's own lists (homepage.py) are column providers too: register them with the
# views, which every web process imports (idempotent).
homepage.register()

HOME_LIMIT = 8
COLUMN_LIMIT = 20
ELDER_COOKIE = "elder"
ELDER_COOKIE_AGE = 365 * 24 * 3600


def _site_columns(request):
    site = getattr(request, "site", None)
    return site, (site.columns if site is not None else ())


def _column_blocks(request, site, wanted, limit, template) -> dict:
    """slug → the rendered HTML of its list, cached per site, language and size. The lists
    missing from the cache come from the column snapshots in one query (columns.py)."""
    lang = get_language()
    keys = {slug: columns.cache_key(site, lang, slug, limit) for slug, _n, _k in wanted}
    cached = cache.get_many(list(keys.values()))
    blocks, missing = {}, []
    for slug, name, kind in wanted:
        html = cached.get(keys[slug])
        if html is None:
            missing.append((slug, name, kind))
        else:
            blocks[slug] = html
    if missing:
        items = columns.snapshot_items(request, [m[0] for m in missing], limit)
        fresh = {}
        for slug, name, kind in missing:
            html = render_to_string(
                template, {"slug": slug, "name": name, "kind": kind, "items": items[slug]}
            )
            blocks[slug] = fresh[keys[slug]] = html
        cache.set_many(fresh, columns.CACHE_SECONDS)
    # Safe: rendered above (now or when cached) by our own auto-escaping template.
    return {slug: mark_safe(html) for slug, html in blocks.items()}


@anonymous_page_cache
def home(request):
    """要闻 with pictures, 政务公开, 办事服务, 互动交流, 专题, 数据开放 (homepage.py): every list
    from the column snapshots in one query; a block with nothing in it is left out."""
    site, site_columns = _site_columns(request)
    slugs = [slug for slug, _name, _kind in site_columns]
    lists = columns.snapshot_items(request, slugs + list(homepage.HOME_SLUGS), HOME_LIMIT)
    context = homepage.home_context(request, site_columns, lists, clock.now())
    return render(request, "portal/home.html", render_context(request, context))


@anonymous_page_cache
def column(request, slug):
    site, site_columns = _site_columns(request)
    found = {c[0]: c for c in site_columns}.get(slug)
    if found is None:
        raise Http404
    _slug, name, kind = found
    block = _column_blocks(request, site, [found], COLUMN_LIMIT, "portal/_column_list.html")[slug]
    context = {
        "column_html": block,
        "current_column": slug,
        "column_name": name,
        "column_type": kind,
        "column_title": name,
        "column_entries": [
            (entry, reverse(f"portal:{entry.url_name}")) for entry in columns.column_entries(slug)
        ],
    }
    return render(request, "portal/column.html", render_context(request, context))


@anonymous_page_cache
def accessibility(request):
    context = render_context(request, {"column_name": _("无障碍声明")})
    return render(request, "portal/accessibility.html", context)


def _safe_next(request, default="/"):
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_http_methods(["GET", "POST"])
def elder_mode(request):
    """Turn the 适老化 (elder-friendly) mode on or off: a preference cookie, works without JS.
    A GET is allowed so that a plain link toggles it; it changes nothing but the display."""
    on = (request.POST.get("on") or request.GET.get("on") or "1") == "1"
    response = HttpResponseRedirect(_safe_next(request))
    if on:
        response.set_cookie(
            ELDER_COOKIE,
            "1",
            max_age=ELDER_COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response


@anonymous_page_cache
def site_map(request):
    """网站地图 (/wzdt/): every column of the site with the ways in that features register for
    it (columns.register_column_entry), the 专题 and the fixed pages. Generated, so a column
    or a feature added later appears here by itself."""
    _site, site_columns = _site_columns(request)
    sections = [
        (
            slug,
            name,
            [(e, reverse(f"portal:{e.url_name}")) for e in columns.column_entries(slug)],
        )
        for slug, name, _kind in site_columns
    ]
    context = {
        "column_name": _("网站地图"),
        "sections": sections,
        "specials": homepage.home_context(request, site_columns, {}, clock.now())["specials"],
    }
    return render(request, "portal/sitemap_page.html", render_context(request, context))


@anonymous_page_cache
def privacy(request):
    context = render_context(request, {"column_name": _("隐私声明")})
    return render(request, "portal/privacy.html", context)
