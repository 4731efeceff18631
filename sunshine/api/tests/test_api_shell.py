import json

import pytest
from django.core.exceptions import ValidationError
from ninja import NinjaAPI
from ninja.testing import TestClient

from sunshine.api import errors
from sunshine.api.renderers import UnicodeJSONRenderer
from sunshine.kernel.access.policy import require
from sunshine.kernel.accounts.models import ApiToken
from sunshine.kernel.accounts.services import register_citizen, revoke_api_token
from sunshine.testing.factories import CitizenFactory

from .utils import bearer

pytestmark = pytest.mark.django_db


def test_openapi_lists_the_paths(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "Sunshine API"
    for path in [
        "/api/v1/agencies",
        "/api/v1/agencies/{agency_id}",
        "/api/v1/me",
        "/api/v1/clocks",
        "/api/v1/workdays/add",
        "/api/v1/workdays/between",
    ]:
        assert path in schema["paths"], path
    assert schema["components"]["securitySchemes"]["StaffTokenAuth"]["scheme"] == "bearer"


def test_docs_page_uses_local_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_chinese_is_utf8_not_escaped(client, province):
    response = client.get(f"/api/v1/agencies/{province['transport'].pk}")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "广东省交通运输厅".encode() in response.content
    assert b"\\u" not in response.content


def test_no_token_is_401_with_chinese_message(client, province):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "Bearer" in response["WWW-Authenticate"]
    assert "接口令牌" in response.json()["detail"]


def test_bad_token_is_401(client, province):
    response = client.get("/api/v1/me", **bearer("ss_not-a-real-key"))
    assert response.status_code == 401
    assert response.json()["detail"] == "接口令牌无效或已被撤销。"
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_revoked_token_is_401(client, officer, officer_key):
    revoke_api_token(actor=officer, token=ApiToken.objects.get(user=officer))
    assert client.get("/api/v1/me", **bearer(officer_key)).status_code == 401


def test_inactive_staff_token_is_401(client, officer, officer_key):
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert client.get("/api/v1/me", **bearer(officer_key)).status_code == 401


def test_citizen_token_is_403(client, db):
    # issue_api_token refuses citizens; a token row can still exist (e.g. an account whose kind
    # changed), and it must not open the staff API.
    citizen = CitizenFactory()
    key = ApiToken.new_key()
    ApiToken.objects.create(user=citizen, name="x", key_hash=ApiToken.hash_key(key), prefix="x")
    response = client.get("/api/v1/me", **bearer(key))
    assert response.status_code == 403
    assert response.json()["detail"] == "只有工作人员可以使用接口令牌。"


def test_english_messages_with_accept_language(client, province):
    response = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert "令牌" not in response.json()["detail"]


def test_me_returns_user_agency_and_roles(client, officer, officer_key, province):
    response = client.get("/api/v1/me", **bearer(officer_key))
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == officer.email
    assert body["display_name"] == "公开办王"
    assert body["agency"]["name"] == "广东省交通运输厅"
    assert body["roles"] == [
        {
            "role": "disclosure_officer",
            "role_label": "公开办",
            "agency_id": province["transport"].pk,
            "agency_name": "广东省交通运输厅",
        }
    ]
    officer.refresh_from_db()
    assert officer.api_tokens.get().last_used_at is not None


def test_unknown_api_path_is_json_404(client, db):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到请求的资源。"}


# The handlers on their own API instance, with endpoints that raise what services raise.
_api = NinjaAPI(urls_namespace="test-errors", renderer=UnicodeJSONRenderer())
errors.install(_api)


@_api.get("/denied")
def _denied(request):
    require(None, "audit.view", None)


@_api.get("/invalid")
def _invalid(request):
    register_citizen(email="not-an-email", password="x")


@_api.get("/plain-invalid")
def _plain_invalid(request):
    raise ValidationError("整体错误")


@_api.get("/typed")
def _typed(request, n: int):
    return n


errors_client = TestClient(_api)


def test_permission_denied_is_403_json(db):
    response = errors_client.get("/denied")
    assert response.status_code == 403
    assert response.json() == {"detail": "您没有权限执行此操作。"}


def test_service_validation_error_is_422_with_field_messages(db):
    response = errors_client.get("/invalid")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "提交的数据有误，请检查后重试。"
    assert body["errors"]["email"] == ["请输入有效的电子邮箱地址。"]


def test_non_field_validation_error(db):
    body = errors_client.get("/plain-invalid").json()
    assert body["errors"] == {"__all__": ["整体错误"]}


def test_request_validation_error_names_the_field(db):
    response = errors_client.get("/typed?n=abc")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == body["message"] == "请求参数有误：n。"
    assert list(body["errors"]) == ["n"]
    assert body["issues"][0]["loc"] == ["query", "n"]


def test_api_root_points_to_the_description(client, db):
    body = client.get("/api/v1/").json()
    assert body["openapi"] == "/api/v1/openapi.json"
    assert body["docs"] == "/api/v1/docs"
