import pytest


@pytest.fixture
def records_api(settings):
    """/api/v1/records, mounted by the real API once ROUTERS has it, else by a test URLconf."""
    import importlib

    routers = importlib.import_module("sunshine.api.routers")
    records = importlib.import_module("sunshine.api.routers.records")
    if not any(router is records.router for _prefix, router in routers.ROUTERS):
        settings.ROOT_URLCONF = "sunshine.portal.records.tests.api_urls"
    return "/api/v1/records"
