"""GET /api/v1/search in tests, before and after the lead mounts the router.

The router lives in sunshine.api.routers.search; once it is in ROUTERS the real /api/v1 serves
it. Until then these tests mount it on a test API of its own (the same error handlers and
renderer) in front of the real URLs. Imported by name, so that the portal's tests do not
import the API layer (import-linter)."""

import importlib
import sys
import types

from django.conf import settings
from django.urls import path

URLCONF = "sunshine_search_api_test_urls"
API = "/api/v1/search"


def api_urlconf() -> str:
    """The ROOT_URLCONF under which /api/v1/search answers."""
    routers = importlib.import_module("sunshine.api.routers")
    if any(prefix == "/search" for prefix, _router in routers.ROUTERS):
        return settings.ROOT_URLCONF
    if URLCONF not in sys.modules:
        ninja = importlib.import_module("ninja")
        router = importlib.import_module("sunshine.api.routers.search").router
        errors = importlib.import_module("sunshine.api.errors")
        renderers = importlib.import_module("sunshine.api.renderers")
        api = ninja.NinjaAPI(urls_namespace="search-test", renderer=renderers.UnicodeJSONRenderer())
        errors.install(api)
        api.add_router("/search", router)
        root = importlib.import_module(settings.ROOT_URLCONF)
        module = types.ModuleType(URLCONF)
        module.urlpatterns = [path("api/v1/", api.urls), *root.urlpatterns]
        sys.modules[URLCONF] = module
    return URLCONF
