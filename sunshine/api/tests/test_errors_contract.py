"""Every answer under /api/ that is not a success is JSON of the one shape (sunshine/api/errors.py),
and the OpenAPI description says so for every operation."""

import inspect
import json
import pkgutil
from importlib import import_module

import pytest
from django import urls
from django.db import OperationalError
from django.test import Client, RequestFactory
from ninja import NinjaAPI, Schema

from sunshine.api import errors, routers
from sunshine.api.auth import signed_in
from sunshine.api.pagination import MAX_LIMIT, MAX_OFFSET
from sunshine.api.renderers import UnicodeJSONRenderer
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories import CitizenFactory, staff_with

from .utils import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def description(client):
    return json.loads(client.get("/api/v1/openapi.json").content)


@pytest.fixture
def staff_key(province):
    user = staff_with(Role.AGENCY_ADMIN, province["transport"])
    return issue_api_token(actor=user, name="契约测试")[1]


def _is_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert isinstance(body["detail"], str) and body["detail"]
    return body


def _paged_lists(description) -> list[tuple[str, bool]]:
    """(path, whether it takes the signed-in session rather than a token) of every list."""
    return [
        (path, any("SignedInSession" in s for s in item["get"].get("security", [])))
        for path, item in description["paths"].items()
        if "get" in item
        and "{" not in path
        and any(p["name"] == "offset" for p in item["get"].get("parameters", []))
    ]


def test_every_list_refuses_an_offset_or_limit_beyond_the_bounds(client, description, staff_key):
    citizen = Client()
    citizen.force_login(CitizenFactory())
    paths = _paged_lists(description)
    assert len(paths) >= 15
    for path, session in paths:
        for query in (
            {"offset": 10**20},  # was a 500 (the database's integer overflowed)
            {"offset": MAX_OFFSET + 1},
            {"offset": -1},
            {"limit": MAX_LIMIT * 10},
            {"limit": 0},
        ):
            if session:
                response = citizen.get(path, query)
            else:
                response = client.get(path, query, **bearer(staff_key))
            body = _is_error(response, 422)
            assert list(body["errors"]) == list(query), (path, body)
            assert "请求参数有误" in body["detail"]


def test_the_deepest_offset_allowed_is_an_empty_page(client, description, staff_key):
    for path in ("/api/v1/records", "/api/v1/briefings", "/api/v1/messages"):
        response = client.get(path, {"offset": MAX_OFFSET}, **bearer(staff_key))
        assert response.status_code == 200
        assert response.json()["items"] == []


def test_ids_and_years_in_the_query_are_bounded(client, province):
    for path, query in [
        ("/api/v1/agencies", {"parent": 10**30}),  # was a 500
        ("/api/v1/records", {"agency": 0}),
        ("/api/v1/gazette", {"year": 10**6}),
    ]:
        body = _is_error(client.get(path, query), 422)
        assert list(body["errors"]) == list(query)


@pytest.mark.parametrize("path", ["/api/v1/nothing/here", "/api/v2/records", "/api/", "/api/x"])
def test_unknown_api_addresses_are_json_404_for_any_method(path):
    client = Client(enforce_csrf_checks=True)  # a POST without a CSRF token: was an HTML 403
    for method in ("get", "post", "put", "delete"):
        body = _is_error(getattr(client, method)(path), 404)
        assert body["detail"] == "未找到请求的资源。"


def test_a_method_an_address_does_not_take_is_json_405_with_allow(client, province):
    response = Client(enforce_csrf_checks=True).put("/api/v1/agencies")
    _is_error(response, 405)
    assert "GET" in response["Allow"]
    response = client.post("/api/v1/")
    _is_error(response, 405)
    assert response["Allow"] == "GET, HEAD"


def test_a_body_that_is_not_json_is_422(client, staff_key):
    response = client.post(
        "/api/v1/briefings", "%PDF-1.4", content_type="application/json", **bearer(staff_key)
    )
    body = _is_error(response, 422)
    assert list(body["errors"]) == ["body"]


def test_a_session_endpoint_asks_to_sign_in_not_for_a_token(client):
    response = client.get("/api/v1/services/my/applications")
    assert "登录" in _is_error(response, 401)["detail"]
    assert response["WWW-Authenticate"].startswith("Session")


def test_english_is_answered_in_english(client):
    response = client.get("/api/v1/nothing", HTTP_ACCEPT_LANGUAGE="en")
    assert _is_error(response, 404)["detail"] != "未找到请求的资源。"


def test_description_lists_the_error_answers_of_every_operation(description):
    schemas = description["components"]["schemas"]
    assert schemas["ApiError"]["required"] == ["detail"]
    assert set(schemas["ApiValidationError"]["required"]) == {"detail", "errors"}
    operations = 0
    for item in description["paths"].values():
        for operation in item.values():
            operations += 1
            responses = operation["responses"]
            for status in ("404", "422", "503"):
                assert status in responses, (operation["operationId"], status)
            if operation.get("security"):
                assert {"401", "403"} <= set(responses), operation["operationId"]
            ref = responses["422"]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/ApiValidationError"
            assert "Retry-After" in responses["503"]["headers"]
    assert operations > 100
    suggest = description["paths"]["/api/v1/messages/suggest"]
    assert "429" in next(iter(suggest.values()))["responses"]  # the one throttled operation


def test_schema_names_are_unique_across_routers():
    """ninja names an OpenAPI component after the class: two `ApplicationOut`s would describe
    one of the two answers wrongly."""
    seen: dict[str, str] = {}
    for module_info in pkgutil.iter_modules(routers.__path__):
        module = import_module(f"{routers.__name__}.{module_info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Schema) and cls.__module__ == module.__name__:
                assert name not in seen, f"{name} in {seen.get(name)} and {module.__name__}"
                seen[name] = module.__name__


def test_server_error_handler_answers_json_under_api_only():
    factory = RequestFactory()
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = errors.server_error(factory.get("/api/v1/records"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert json.loads(response.content)["detail"]
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = errors.server_error(factory.get("/api/v1/records"))
        page = errors.server_error(factory.get("/records/"))
    assert response.status_code == 500 and json.loads(response.content)["detail"]
    assert page.status_code == 500 and not page["Content-Type"].startswith("application/json")


# A session-authenticated write without its CSRF token: ninja's own check, answered in the
# common shape (no API route takes a session for a write today; this API instance does, mounted
# by the test through `urlpatterns` below).
_session_api = NinjaAPI(urls_namespace="test-csrf", renderer=UnicodeJSONRenderer())
errors.install(_session_api)


@_session_api.post("/write", auth=signed_in)
def _write(request):
    return {"ok": True}


urlpatterns = [urls.path("api/test/", _session_api.urls)]


@pytest.mark.urls(__name__)
def test_a_session_write_without_csrf_token_is_json_403(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(CitizenFactory())
    body = _is_error(client.post("/api/test/write"), 403)
    assert "CSRF" in body["detail"] and "X-CSRFToken" in body["detail"]
    client.cookies["csrftoken"] = secret = "Sunshine" * 4  # as a page's form would have it
    response = client.post("/api/test/write", HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 200 and response.json() == {"ok": True}
