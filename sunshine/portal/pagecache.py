"""Whole-page cache for anonymous visitors of the portal's own pages (home, columns).

Most portal traffic is anonymous, and an anonymous page differs between visitors only by its
CSRF token (the language form posts). So the page is rendered once with a placeholder token
and kept for a short time per site, host, path, language and 适老化 mode; each request gets the
cached bytes with its own token put in. Visitors with a session or pending messages (signed-in
users, just signed out, ...) always get a fresh render."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

CACHE_SECONDS = 60
PLACEHOLDER = "csrf-placeholder-4b1d0c3e"
KEY = "portal:page:v1:{site}:{scheme}:{host}:{lang}:{elder}:{path}"


def _cacheable(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        # Only the canonical URL: arbitrary query strings must not fill the cache.
        and not request.META.get("QUERY_STRING")
    )


def _key(request) -> str:
    site = getattr(request, "site", None)
    return KEY.format(
        site=getattr(site, "id", None) or "default",
        scheme=request.scheme,
        host=request.get_host(),
        lang=get_language(),
        elder=request.COOKIES.get("elder", ""),
        path=request.path,
    )


def anonymous_page_cache(view):
    """Decorate a view that takes `csrf_token` from its context (see `render_context`)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        cached = cache.get(key)
        if cached is None:
            request.portal_csrf_placeholder = PLACEHOLDER
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.cookies:
                return _with_token(request, response)
            cached = (bytes(response.content), response["Content-Type"])
            cache.set(key, cached, CACHE_SECONDS)
        content, content_type = cached
        response = HttpResponse(content, content_type=content_type)
        return _with_token(request, response)

    return wrapper


def _with_token(request, response):
    if PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(
            PLACEHOLDER.encode(), get_token(request).encode()
        )
    patch_vary_headers(response, ["Cookie"])
    return response


def render_context(request, context: dict) -> dict:
    """The view's context, with the placeholder token while rendering a page to cache."""
    placeholder = getattr(request, "portal_csrf_placeholder", None)
    if placeholder:
        context = {**context, "csrf_token": placeholder}
    return context
