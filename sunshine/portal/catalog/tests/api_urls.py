"""Only while sunshine.api.routers.ROUTERS lacks the catalog router (the lead adds the line):
the site's URLs with a second API instance in front that mounts it at /api/v1/catalog. Imported
by name at run time, so that the portal package does not depend on the API package."""

import importlib

from django.urls import path

site = importlib.import_module("config.urls")
shell = importlib.import_module("sunshine.api.api")
errors = importlib.import_module("sunshine.api.errors")
renderers = importlib.import_module("sunshine.api.renderers")
catalog = importlib.import_module("sunshine.api.routers.catalog")

api = shell.SunshineAPI(
    title="catalog (test mount)",
    version="test",
    urls_namespace="catalog_test_api",
    renderer=renderers.UnicodeJSONRenderer(),
)
errors.install(api)
api.add_router("/catalog", catalog.router)

urlpatterns = [path("api/v1/", api.urls), *site.urlpatterns]
