from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from . import throttle


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


class LoginLocked(PermissionDenied):
    """Raised by the backend while locked; Django's authenticate() turns it into None, so the
    login view asks `lock_message()` to tell the user why."""


def lock_message(email: str, request) -> str | None:
    if throttle.locked_until((email or "").strip().lower(), client_address(request)):
        return _("登录失败次数过多，账号已临时锁定，请15分钟后再试。")
    return None


class ThrottledEmailBackend(ModelBackend):
    """E-mail + password, refused while the account or address is locked out."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = (email or username or "").strip().lower()
        address = client_address(request)
        message = lock_message(email, request)
        if message:
            raise LoginLocked(message)
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            throttle.register_failure(email, address)
        else:
            throttle.register_success(email, address)
        return user
