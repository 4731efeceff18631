import pytest
from django.test import RequestFactory

from sunshine.kernel.sites.middleware import CurrentSiteMiddleware
from sunshine.kernel.sites.models import Column
from sunshine.kernel.sites.resolver import STANDARD_COLUMNS, site_for_host
from sunshine.kernel.sites.services import ensure_site

pytestmark = pytest.mark.django_db


def test_without_rows_the_identity_comes_from_settings(settings):
    identity = site_for_host("anything.example")
    assert identity.name == settings.SITE_NAME and identity.id_code == settings.SITE_ID_CODE
    assert [c[0] for c in identity.columns] == [c[0] for c in STANDARD_COLUMNS]


def test_a_second_site_is_a_row_not_code(province):
    ensure_site(
        host="www.gd.gov.cn",
        name="广东省人民政府",
        id_code="4400000035",
        sponsor="广东省人民政府办公厅",
        is_default=True,
    )
    ensure_site(
        host="td.gd.gov.cn",
        name="广东省交通运输厅",
        id_code="4400000101",
        sponsor="广东省交通运输厅",
        agency=province["transport"],
    )
    assert site_for_host("td.gd.gov.cn:8000").name == "广东省交通运输厅"
    assert site_for_host("unknown.host").name == "广东省人民政府"  # falls back to the default
    assert Column.objects.filter(site__host="td.gd.gov.cn").count() == len(STANDARD_COLUMNS)


def test_middleware_sets_request_site(settings):
    settings.ALLOWED_HOSTS = ["*"]
    request = RequestFactory().get("/", HTTP_HOST="www.gd.gov.cn")
    CurrentSiteMiddleware(lambda r: r)(request)
    assert request.site.name == settings.SITE_NAME


def test_pages_default_to_chinese_whatever_the_browser_says(client):
    response = client.get("/accessibility/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "zh-hans"
    client.cookies["django_language"] = "en"
    response = client.get("/accessibility/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.headers["Content-Language"] == "en"


def test_the_api_honours_accept_language(client):
    response = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "en"
