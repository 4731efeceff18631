"""A trivial view for bench/http.sh: it answers with the bytes the page under test (/ unless
SUNSHINE_BENCH_PAGE says otherwise) rendered on
this worker's first request, from memory. Served through the same middleware as the home page,
so `home rps / copy rps` is what rendering the home page costs. Mounted only when
SUNSHINE_BENCH=1 (sunshine.api.bench_urls); never part of a production URLconf."""

import os
import threading

from django.http import HttpResponse
from django.urls import resolve

_lock = threading.Lock()
_copy: tuple[bytes, str] | None = None


def _render_home(request) -> tuple[bytes, str]:
    # The page's view (SUNSHINE_BENCH_PAGE, default "/"), called on this very request as if it
    # had asked for that page: same site, user, language and session as a real visitor.
    page = os.environ.get("SUNSHINE_BENCH_PAGE", "/")
    match = resolve(page)
    request.path = request.path_info = page
    request.resolver_match = match
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response = response.render()
    return bytes(response.content), response["Content-Type"]


def home_copy(request):
    global _copy
    if _copy is None:
        with _lock:
            if _copy is None:
                _copy = _render_home(request)
    content, content_type = _copy
    return HttpResponse(content, content_type=content_type)
