"""Mounted at /api/v1/ by config/urls.py. Namespace "api" (e.g. reverse("api:openapi-json"))."""

from django.http import Http404
from django.urls import path, re_path, reverse

from .api import api


def _index(request):
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


def _not_found(request, unmatched=""):
    return api.on_exception(request, Http404())


app_name = "api"
urlpatterns = [
    # Before ninja's own root view (a bare 404): say where the description is.
    path("", _index, name="index"),
    *api.urls[0],
    # Anything else under /api/v1/ is a JSON 404, not the portal's HTML error page.
    re_path(r"^(?P<unmatched>.*)$", _not_found, name="not-found"),
]
