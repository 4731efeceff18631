import pytest


@pytest.fixture
def catalog_api(settings):
    """/api/v1/catalog, mounted by the real API once ROUTERS has it, else by a test URLconf."""
    import importlib

    routers = importlib.import_module("sunshine.api.routers")
    catalog = importlib.import_module("sunshine.api.routers.catalog")
    if not any(router is catalog.router for _prefix, router in routers.ROUTERS):
        settings.ROOT_URLCONF = "sunshine.portal.catalog.tests.api_urls"
    return "/api/v1/catalog"
