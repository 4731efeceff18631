"""Mounted at /api/v1/ by config/urls.py. Namespace "api" (e.g. reverse("api:openapi-json"))."""

import functools

from django.urls import URLPattern, path, re_path, reverse
from django.views.decorators.csrf import csrf_exempt

from . import errors
from .api import api


@csrf_exempt  # reads nothing, changes nothing
def _index(request):
    if request.method not in ("GET", "HEAD"):
        answer = errors.json_error(405)
        answer["Allow"] = "GET, HEAD"
        return answer
    return api.create_response(
        request,
        {
            "title": api.title,
            "version": api.version,
            "openapi": reverse("api:openapi-json"),
            "docs": reverse("api:openapi-view"),
        },
        status=200,
    )


def _json_not_allowed(view):
    """ninja answers a method an address does not take with a plain-text 405: the same, as JSON
    of the common shape (the Allow header kept)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            answer = errors.json_error(405)
            answer["Allow"] = response.get("Allow", "")
            return answer
        return response

    return wrapper


def _patterns():
    for pattern in api.urls[0]:
        if isinstance(pattern, URLPattern):
            yield URLPattern(
                pattern.pattern, _json_not_allowed(pattern.callback), pattern.default_args,
                pattern.name,
            )  # fmt: skip
        else:
            yield pattern


app_name = "api"
urlpatterns = [
    # Before ninja's own root view (a bare 404): say where the description is.
    path("", _index, name="index"),
    *_patterns(),
    # Anything else under /api/v1/ is a JSON 404, not the portal's HTML error page.
    re_path(r"^(?P<unmatched>.*)$", errors.not_found, name="not-found"),
]
