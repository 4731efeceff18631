"""E-mailed sign-in unlock links (登录解锁链接): the owner of a throttled account gets in from
anywhere without a CAPTCHA.

On the login page a throttled user asks for a link; if the address belongs to an active
account, a random token is e-mailed (through kernel.notify's delivery queue) and only its
SHA-256 is kept. Opening the link shows a password form; the right password there signs the
owner in even while their pair or their network is throttled, and uses the link up. A link
expires after LOGIN_UNLOCK_VALID_SECONDS (30 min), is spent after LOGIN_UNLOCK_MAX_ATTEMPTS
wrong passwords, and at most one is sent per account per LOGIN_UNLOCK_RESEND_SECONDS. The
page never says whether an address has an account. Opening the link (GET) changes nothing,
so mail scanners that follow links do not spend it."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.client import client_address, client_key
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.notify import emails
from sunshine.kernel.notify.services import send_email

from . import throttle
from .models import LoginUnlock, User

EVENT = "account.unlock"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def valid_minutes() -> int:
    return _setting("LOGIN_UNLOCK_VALID_SECONDS", 1800) // 60


def _email(user: User, token: str, request) -> tuple[str, str]:
    link = emails.absolute_url(reverse("accounts:unlock", args=[token]))
    subject = _("【%(site)s】登录解锁链接") % {"site": settings.SITE_NAME}
    asked = timezone.localtime(clock.now()).strftime("%Y-%m-%d %H:%M")
    body = "\n\n".join(
        [
            _("您好，%(name)s：") % {"name": user.display_name or user.email},
            _(
                "有人（希望是您本人）因登录尝试过多而申请了登录解锁链接。打开以下链接并输入密码，"
                "即可立即登录，不必等待："
            ),
            link,
            _("链接%(minutes)d分钟内有效，只能使用一次。申请时间：%(time)s，来源地址：%(ip)s。")
            % {"minutes": valid_minutes(), "time": asked, "ip": client_address(request) or "-"},
            _(
                "如果不是您本人申请，请忽略此邮件：没有您的密码，这个链接无法登录。"
                "有人反复尝试您的密码时，建议您修改为更复杂的密码。"
            ),
            _("此邮件由%(site)s自动发送，请勿直接回复。") % {"site": settings.SITE_NAME},
        ]
    )
    return subject, body


@transaction.atomic
def request_unlock(*, email: str, request) -> LoginUnlock | None:
    """E-mail an unlock link to this address's active account, unless one went out in the
    last LOGIN_UNLOCK_RESEND_SECONDS. Returns the row (None when nothing was sent); the
    caller must answer the same either way."""
    email = throttle.normalize_email(email)
    user = User.objects.select_for_update().filter(email__iexact=email, is_active=True).first()
    if user is None or not user.email:
        return None
    now = clock.now()
    recent = now - dt.timedelta(seconds=_setting("LOGIN_UNLOCK_RESEND_SECONDS", 300))
    if user.login_unlocks.filter(created_at__gt=recent).exists():
        return None
    token = secrets.token_urlsafe(32)
    unlock = LoginUnlock.objects.create(
        user=user,
        token_hash=LoginUnlock.hash_token(token),
        created_at=now,
        expires_at=now + dt.timedelta(seconds=_setting("LOGIN_UNLOCK_VALID_SECONDS", 1800)),
    )
    subject, body = _email(user, token, request)
    send_email(address=user.email, event=EVENT, subject=subject, body=body)
    record_event(action="account.unlock_sent", obj=user, data={"unlock": unlock.pk})
    return unlock


def _problem(unlock: LoginUnlock | None) -> str | None:
    if unlock is None:
        return _("解锁链接无效，请检查是否完整复制了邮件中的链接。")
    if unlock.used_at is not None:
        return _("这个解锁链接已经使用过，请重新申请。")
    if unlock.expires_at <= clock.now():
        return _("这个解锁链接已过期，请重新申请。")
    if not unlock.user.is_active:
        return _("解锁链接无效，请检查是否完整复制了邮件中的链接。")
    return None


def unlock_for(token: str) -> LoginUnlock:
    """The valid link for this token, or ValidationError saying why not."""
    unlock = (
        LoginUnlock.objects.select_related("user")
        .filter(token_hash=LoginUnlock.hash_token(token or ""))
        .first()
    )
    problem = _problem(unlock)
    if problem:
        raise ValidationError(problem)
    return unlock


def sign_in_with_unlock(*, token: str, password: str, request) -> User:
    """The owner's password through a valid link: the user (to log in), with the link used up
    and this client's throttle for the account cleared. Throttling is not consulted. A wrong
    password counts against the link, not against the throttle."""
    wrong = False
    with transaction.atomic():
        unlock = (
            LoginUnlock.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=LoginUnlock.hash_token(token or ""))
            .first()
        )
        problem = _problem(unlock)
        if problem:
            raise ValidationError(problem)
        user = unlock.user
        now = clock.now()
        if user.check_password(password or ""):
            unlock.used_at = now
            unlock.save(update_fields=["used_at"])
            throttle.register_success(user.email, client_key(request))
            record_event(action="account.unlock_used", actor=user, obj=user)
        else:
            wrong = True
            unlock.failures += 1
            if unlock.failures >= _setting("LOGIN_UNLOCK_MAX_ATTEMPTS", 3):
                unlock.used_at = now  # spent: someone is guessing through the link
            unlock.save(update_fields=["failures", "used_at"])
    if wrong:
        if unlock.used_at is not None:
            raise ValidationError(_("密码错误次数过多，这个解锁链接已失效，请重新申请。"))
        raise ValidationError(_("密码不正确。"))
    return user
