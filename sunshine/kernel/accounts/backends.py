from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sunshine.kernel.access.client import client_key

from . import throttle


class LoginLocked(PermissionDenied):
    """Raised by the backend while throttled; Django's authenticate() turns it into None, so
    the login view asks `lock_message()` to tell the user why and when to retry."""


def wait_text(seconds: int) -> str:
    """ "8秒" / "3分钟" (minutes rounded up from a minute on)."""
    if seconds < 60:
        return ngettext("%(n)d秒", "%(n)d秒", seconds) % {"n": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(n)d分钟", "%(n)d分钟", minutes) % {"n": minutes}


def refusal_message(refusal: throttle.Refusal) -> str:
    values = {
        "wait": wait_text(refusal.seconds),
        "time": timezone.localtime(refusal.until).strftime("%H:%M:%S"),
    }
    if refusal.kind == throttle.CLIENT:
        return _("您所在网络的登录失败次数过多，请%(wait)s后（%(time)s之后）再试。") % values
    return _("密码错误次数较多，请%(wait)s后（%(time)s之后）再试。") % values


def lock_message(email: str, request) -> str | None:
    refusal = throttle.check(email, client_key(request))
    return refusal_message(refusal) if refusal else None


class ThrottledEmailBackend(ModelBackend):
    """E-mail + password, refused while this (account, client) pair or this client is
    throttled (throttle.py)."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = throttle.normalize_email(email or username or "")
        client = client_key(request)
        refusal = throttle.check(email, client)
        if refusal:
            raise LoginLocked(refusal_message(refusal))
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            throttle.register_failure(email, client)
        else:
            throttle.register_success(email, client)
        return user
