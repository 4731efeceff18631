import json

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from sunshine.kernel.accounts import services
from sunshine.kernel.accounts.backends import LoginLocked, ThrottledEmailBackend, lock_message
from sunshine.kernel.accounts.models import User
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories import PASSWORD, CitizenFactory, make_credit_code, staff_with

pytestmark = pytest.mark.django_db
GOOD_ID = "11010519491231002X"


def test_citizen_registration_with_real_name_data():
    user = services.register_citizen(
        email="Li.Ming@Example.com",
        password="Guangdong#2026",
        display_name="李明",
        mobile="13800138000",
        id_number=GOOD_ID,
    )
    assert user.email == "li.ming@example.com" and user.kind == User.Kind.CITIZEN
    assert user.masked_id_number == "110105********002X"
    assert user.masked_mobile == "138****8000"
    assert AuditEvent.objects.filter(action="account.register", object_id=str(user.pk)).exists()


def test_citizen_registration_errors_are_per_field_and_nothing_is_saved():
    with pytest.raises(ValidationError) as exc:
        services.register_citizen(
            email="a@example.com", password="short", mobile="12345", id_number="110105194912310021"
        )
    errors = exc.value.message_dict
    assert set(errors) == {"mobile", "id_number", "password"}
    assert "校验位" in errors["id_number"][0]
    assert not User.objects.filter(email="a@example.com").exists()


def test_duplicate_email_is_refused_clearly():
    CitizenFactory(email="dup@example.com")
    with pytest.raises(ValidationError) as exc:
        services.register_citizen(email="DUP@example.com", password="Guangdong#2026")
    assert "已注册" in exc.value.message_dict["email"][0]


def test_enterprise_registration_checks_the_credit_code():
    user = services.register_enterprise(
        email="corp@example.com",
        password="Guangdong#2026",
        enterprise_name="某科技有限公司",
        credit_code="91440300708461136T",
    )
    assert user.kind == User.Kind.ENTERPRISE
    with pytest.raises(ValidationError) as exc:
        services.register_enterprise(
            email="bad@example.com",
            password="Guangdong#2026",
            enterprise_name="某公司",
            credit_code="91440300708461136X",
        )
    assert "统一社会信用代码" in exc.value.message_dict["credit_code"][0]


@pytest.mark.parametrize("password", ["alllowercase1", "Short1!", "12345678901"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError) as exc:
        services.register_citizen(email="w@example.com", password=password)
    assert "password" in exc.value.message_dict


def test_agency_admin_manages_staff_only_in_own_subtree(province):
    admin = staff_with("agency_admin", province["city"])
    clerk = services.create_staff_user(
        actor=admin,
        agency=province["county"],
        email="clerk@th.gov.cn",
        display_name="区文员",
        password="Tianhe#2026x",
        roles=["drafter"],
    )
    assert clerk.grants.get().role == "drafter"
    with pytest.raises(PermissionDenied):
        services.create_staff_user(
            actor=admin,
            agency=province["transport"],
            email="x@gd.gov.cn",
            display_name="x",
            password="Tianhe#2026x",
        )
    with pytest.raises(PermissionDenied):  # global roles only from the platform's sysadmin
        services.grant_role(actor=admin, user=clerk, agency=province["county"], role="supervisor")
    with pytest.raises(ValidationError):
        services.create_staff_user(
            actor=admin,
            agency=province["county"],
            email="clerk@th.gov.cn",
            display_name="dup",
            password="Tianhe#2026x",
        )


def test_sysadmin_grants_global_roles(province):
    sysadmin = staff_with("sysadmin", province["root"])
    officer = staff_with("drafter", province["office"])
    services.grant_role(actor=sysadmin, user=officer, agency=province["office"], role="supervisor")
    assert officer.grants.filter(role="supervisor").exists()


def test_roles_only_for_staff(province):
    sysadmin = staff_with("sysadmin", province["root"])
    with pytest.raises(ValidationError):
        services.grant_role(
            actor=sysadmin, user=CitizenFactory(), agency=province["root"], role="drafter"
        )


def test_login_is_throttled_after_repeated_failures(settings, province):
    settings.LOGIN_FREE_FAILURES = 3
    staff_with("drafter", province["office"], email="clerk@gd.gov.cn")
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.9.9.9")
    for _ in range(3):
        assert authenticate(request, username="clerk@gd.gov.cn", password="wrong") is None
    # Throttled: even the right password is refused, and the view can say when to retry.
    assert authenticate(request, username="clerk@gd.gov.cn", password=PASSWORD) is None
    assert "1秒后" in lock_message("clerk@gd.gov.cn", request)
    with pytest.raises(LoginLocked):
        ThrottledEmailBackend().authenticate(request, username="clerk@gd.gov.cn", password=PASSWORD)


def test_successful_login_clears_failures(settings, province):
    settings.LOGIN_FREE_FAILURES = 3
    staff_with("drafter", province["office"], email="ok@gd.gov.cn")
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.9.9.8")
    authenticate(request, username="ok@gd.gov.cn", password="wrong")
    assert authenticate(request, username="ok@gd.gov.cn", password=PASSWORD) is not None


def test_citizen_downloads_and_deletes_own_data():
    user = services.register_citizen(
        email="me@example.com", password="Guangdong#2026", display_name="王芳", id_number=GOOD_ID
    )
    data = json.loads(services.export_own_data(user=user))
    assert data["account"]["id_number"] == GOOD_ID and data["account"]["display_name"] == "王芳"
    with pytest.raises(ValidationError):
        services.delete_own_account(user=user, password="wrong")
    services.delete_own_account(user=user, password="Guangdong#2026")
    user.refresh_from_db()
    assert not user.is_active and user.id_number == "" and "me@example.com" not in user.email
    assert authenticate(username="me@example.com", password="Guangdong#2026") is None
    assert not AuditEvent.objects.filter(actor_label__contains="me@example.com").exists()


def test_staff_cannot_erase_themselves(province):
    staff = staff_with("drafter", province["office"])
    with pytest.raises(PermissionDenied):
        services.delete_own_account(user=staff, password=PASSWORD)


def test_api_tokens_are_stored_hashed(province):
    staff = staff_with("drafter", province["office"])
    token, key = services.issue_api_token(actor=staff, name="ci")
    assert key not in token.key_hash and services.user_for_token(key) == staff
    assert services.user_for_token("ss_wrong") is None
    with pytest.raises(PermissionDenied):
        services.issue_api_token(actor=CitizenFactory(), name="x")


def test_factory_credit_codes_are_valid():
    from sunshine.kernel.orgs.codes import validate_credit_code

    for n in range(50):
        validate_credit_code(make_credit_code(n))


def test_admins_cannot_lock_themselves_out(province):
    admin = staff_with("agency_admin", province["city"])
    with pytest.raises(ValidationError):
        services.set_staff_active(actor=admin, user=admin, active=False)
    with pytest.raises(ValidationError):
        services.revoke_role(actor=admin, grant=admin.grants.get(role="agency_admin"))
    assert admin.grants.filter(role="agency_admin").exists()
