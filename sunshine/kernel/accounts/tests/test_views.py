import datetime as dt
import json

import pytest
from django.urls import reverse

from sunshine.kernel.accounts.models import User
from sunshine.kernel.clock import frozen
from sunshine.testing.factories import PASSWORD, CitizenFactory, make_id_number, staff_with

pytestmark = pytest.mark.django_db
GOOD_ID = "11010519491231002X"


def _login(client, email, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"email": email, "password": password, **extra})


def test_login_page_renders(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_staff_login_goes_to_workbench(client, province):
    clerk = staff_with("drafter", province["office"])
    response = _login(client, clerk.email)
    assert response.status_code == 302 and response["Location"] == reverse("workbench:dashboard")


def test_citizen_login_goes_to_profile_and_next_is_honoured(client):
    citizen = CitizenFactory()
    assert _login(client, citizen.email)["Location"] == reverse("accounts:me")
    client.post(reverse("accounts:logout"))
    response = _login(client, citizen.email, next="/column/zcwj/")
    assert response["Location"] == "/column/zcwj/"
    client.post(reverse("accounts:logout"))
    assert (
        _login(client, citizen.email, next="https://evil.example/")["Location"] == "/accounts/me/"
    )


def test_wrong_password_then_throttle_message_on_the_form(client, settings):
    citizen = CitizenFactory()
    with frozen(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)):
        response = _login(client, citizen.email, "wrong-password")
        assert response.status_code == 200
        assert "电子邮箱或密码不正确" in response.content.decode()
        for _ in range(settings.LOGIN_FREE_FAILURES):
            response = _login(client, citizen.email, "wrong-password")
        assert response.status_code == 200  # not a 403 page
        assert "请1秒后（18:00:01之后）再试" in response.content.decode()
        assert reverse("accounts:unlock_request") in response.content.decode()  # the way out
        response = _login(client, citizen.email)  # even the right password is refused meanwhile
        assert response.status_code == 200 and "请1秒后" in response.content.decode()


def test_logout_is_post_only(client):
    citizen = CitizenFactory()
    client.force_login(citizen)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:me")).status_code == 302  # back to login


def test_citizen_registration_errors_keep_input(client):
    data = {
        "email": "wang@example.com",
        "display_name": "王芳",
        "mobile": "13800138000",
        "id_number": "110105194912310021",  # wrong check digit
        "password": "Guangdong#2026",
        "password2": "Guangdong#2026",
    }
    response = client.post(reverse("accounts:register_citizen"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "居民身份证号码校验位错误" in html
    assert 'value="王芳"' in html and 'value="110105194912310021"' in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.filter(email="wang@example.com").exists()


def test_citizen_registration_password_mismatch_and_weak(client):
    data = {"email": "a@example.com", "password": "short", "password2": "other"}
    html = client.post(reverse("accounts:register_citizen"), data).content.decode()
    assert "两次输入的密码不一致" in html


def test_citizen_registration_succeeds_and_logs_in(client):
    data = {
        "email": "Zhang@Example.com",
        "display_name": "张伟",
        "mobile": "13800138000",
        "id_number": GOOD_ID,
        "password": "Guangdong#2026",
        "password2": "Guangdong#2026",
    }
    response = client.post(reverse("accounts:register_citizen"), data)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:me")
    html = client.get(reverse("accounts:me")).content.decode()
    assert "110105********002X" in html and GOOD_ID not in html
    assert "138****8000" in html and "13800138000" not in html


def test_enterprise_registration(client):
    from sunshine.testing.factories import make_credit_code

    data = {
        "email": "corp@example.com",
        "enterprise_name": "广州某某科技有限公司",
        "credit_code": "91440101ABCDEFGH1X",
        "password": "Guangdong#2026",
        "password2": "Guangdong#2026",
    }
    html = client.post(reverse("accounts:register_enterprise"), data).content.decode()
    assert "统一社会信用代码" in html and 'value="广州某某科技有限公司"' in html
    data["credit_code"] = make_credit_code(42)
    response = client.post(reverse("accounts:register_enterprise"), data)
    assert response.status_code == 302
    assert User.objects.get(email="corp@example.com").kind == User.Kind.ENTERPRISE


def test_duplicate_email_shown_on_field(client):
    CitizenFactory(email="dup@example.com")
    data = {"email": "dup@example.com", "password": "Guangdong#2026", "password2": "Guangdong#2026"}
    html = client.post(reverse("accounts:register_citizen"), data).content.decode()
    assert "该电子邮箱已注册" in html


def test_export_my_data(client):
    citizen = CitizenFactory(id_number=make_id_number(7))
    client.force_login(citizen)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    payload = json.loads(response.content)
    assert payload["account"]["email"] == citizen.email


def test_delete_my_account(client):
    citizen = CitizenFactory()
    client.force_login(citizen)
    assert client.get(reverse("accounts:delete")).status_code == 200
    response = client.post(reverse("accounts:delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200 and "密码不正确" in response.content.decode()
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert not citizen.is_active and citizen.email.startswith("erased-")


def test_staff_profile_redirects_to_workbench(client, province):
    clerk = staff_with("drafter", province["office"])
    client.force_login(clerk)
    assert client.get(reverse("accounts:me"))["Location"] == reverse("workbench:dashboard")
    assert client.get(reverse("accounts:export")).status_code == 403
