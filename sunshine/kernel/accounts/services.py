"""Account actions: registration, staff administration, role grants, personal data."""

import json

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.orgs.codes import validate_credit_code, validate_id_number

from .models import ApiToken, RoleGrant, User
from .roles import Role


def _check_new_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("请输入有效的电子邮箱地址。")}) from None
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("该电子邮箱已注册，请直接登录或找回密码。")})
    return email


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None


@transaction.atomic
def register_citizen(
    *, email: str, password: str, display_name: str = "", mobile: str = "", id_number: str = ""
) -> User:
    """A citizen's account (自然人). Real-name data is optional but validated when given."""
    email = _check_new_email(email)
    errors = {}
    if mobile and not (mobile.isdigit() and len(mobile) == 11 and mobile.startswith("1")):
        errors["mobile"] = _("手机号码应为以1开头的11位数字。")
    if id_number:
        try:
            validate_id_number(id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    user = User(
        email=email,
        kind=User.Kind.CITIZEN,
        display_name=display_name.strip(),
        mobile=mobile,
        id_number=id_number.strip().upper(),
    )
    try:
        _check_password(password, user)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    record_event(action="account.register", actor=user, obj=user, summary=user.kind)
    return user


@transaction.atomic
def register_enterprise(
    *, email: str, password: str, enterprise_name: str, credit_code: str, display_name: str = ""
) -> User:
    """An enterprise's account (法人或其他组织), identified by its 统一社会信用代码."""
    email = _check_new_email(email)
    errors = {}
    if not enterprise_name.strip():
        errors["enterprise_name"] = _("请填写单位名称。")
    try:
        validate_credit_code(credit_code)
    except ValidationError as exc:
        errors["credit_code"] = exc.messages
    user = User(
        email=email,
        kind=User.Kind.ENTERPRISE,
        enterprise_name=enterprise_name.strip(),
        credit_code=credit_code.strip().upper(),
        display_name=display_name.strip(),
    )
    try:
        _check_password(password, user)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    record_event(action="account.register", actor=user, obj=user, summary=user.kind)
    return user


@transaction.atomic
def create_staff_user(
    *, actor, agency, email: str, display_name: str, password: str, roles: list[str] = ()
) -> User:
    require(actor, "user.manage", agency)
    email = _check_new_email(email)
    user = User(email=email, kind=User.Kind.STAFF, display_name=display_name.strip(), agency=agency)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    record_event(action="staff.create", actor=actor, obj=user, agency=agency, summary=email)
    for role in roles:
        grant_role(actor=actor, user=user, agency=agency, role=role)
    return user


@transaction.atomic
def grant_role(*, actor, user: User, agency, role: str) -> RoleGrant:
    require(actor, "role.grant", agency)
    if role not in Role.values:
        raise ValidationError({"role": _("未知角色：%(role)s") % {"role": role}})
    if user.kind != User.Kind.STAFF:
        raise ValidationError({"user": _("只能为工作人员授予角色。")})
    if role in (Role.SUPERVISOR, Role.SYSADMIN) and not (actor and actor.is_superuser):
        # Global roles reach every agency: only the platform's own administrator grants them.
        require(actor, "role.grant_global", agency)
    grant, created = RoleGrant.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        record_event(
            action="role.grant",
            actor=actor,
            obj=user,
            agency=agency,
            data={"role": role, "agency": agency.pk},
        )
    return grant


@transaction.atomic
def revoke_role(*, actor, grant: RoleGrant) -> None:
    require(actor, "role.grant", grant.agency)
    if grant.user_id == getattr(actor, "pk", None) and grant.role in (
        Role.AGENCY_ADMIN,
        Role.SYSADMIN,
    ):
        # Nobody locks themselves (and possibly the whole agency) out of administration.
        raise ValidationError({"role": _("不能撤销自己的管理员角色，请由其他管理员操作。")})
    record_event(
        action="role.revoke",
        actor=actor,
        obj=grant.user,
        agency=grant.agency,
        data={"role": grant.role, "agency": grant.agency_id},
    )
    grant.delete()


@transaction.atomic
def set_staff_active(*, actor, user: User, active: bool) -> User:
    require(actor, "user.manage", user.agency)
    if not active and user.pk == getattr(actor, "pk", None):
        raise ValidationError({"user": _("不能停用自己的账号。")})
    user.is_active = active
    user.save(update_fields=["is_active"])
    record_event(
        action="staff.activate" if active else "staff.deactivate",
        actor=actor,
        obj=user,
        agency=user.agency,
    )
    return user


def export_own_data(*, user: User) -> str:
    """Everything we hold about a citizen or enterprise account, as JSON (个人信息可携带)."""
    fields = [
        "email",
        "kind",
        "display_name",
        "mobile",
        "id_number",
        "enterprise_name",
        "credit_code",
        "date_joined",
        "last_login",
    ]
    payload = {"account": {f: getattr(user, f) for f in fields}}
    payload["notifications"] = (
        list(user.notifications.values("created_at", "subject", "body", "read_at"))
        if hasattr(user, "notifications")
        else []
    )
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


@transaction.atomic
def delete_own_account(*, user: User, password: str) -> None:
    """The public user's right to erasure: personal data is removed and the account closed.
    The row stays as an anonymous shell so audit history and case files keep their links."""
    if user.is_government_staff:
        raise PermissionDenied(_("工作人员账号由单位管理员注销。"))
    if not user.check_password(password):
        raise ValidationError({"password": _("密码不正确。")})
    record_event(action="account.erase", actor=user, obj=user)
    user.email = f"erased-{user.pk}@invalid.local"
    user.display_name = user.mobile = user.id_number = user.enterprise_name = user.credit_code = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    if hasattr(user, "notifications"):
        user.notifications.all().delete()


@transaction.atomic
def issue_api_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    if not actor.is_government_staff:
        raise PermissionDenied(_("只有工作人员可以申请接口令牌。"))
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=actor, name=name, key_hash=ApiToken.hash_key(key), prefix=key[3:9]
    )
    record_event(
        action="api_token.issue",
        actor=actor,
        obj=actor,
        agency=actor.agency,
        data={"name": name, "prefix": token.prefix},
    )
    return token, key


@transaction.atomic
def revoke_api_token(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        require(actor, "user.manage", token.user.agency)
    token.revoked = True
    token.save(update_fields=["revoked"])
    record_event(
        action="api_token.revoke",
        actor=actor,
        obj=token.user,
        agency=token.user.agency,
        data={"name": token.name, "prefix": token.prefix},
    )


def user_for_token(key: str) -> User | None:
    import datetime as dt

    from sunshine.kernel import clock

    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key or ""), revoked=False)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    # Record use at most once a minute: a write per API call would serialise SQLite.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
