"""Login throttling: after LOGIN_MAX_FAILURES failures for an account or an address, further
attempts are refused until the lock expires."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from sunshine.kernel import clock

from .models import LoginThrottle


def _keys(email: str, address: str | None) -> list[str]:
    keys = [f"email:{(email or '').strip().lower()}"]
    if address:
        keys.append(f"ip:{address}")
    return keys


def locked_until(email: str, address: str | None) -> dt.datetime | None:
    now = clock.now()
    rows = LoginThrottle.objects.filter(key__in=_keys(email, address), locked_until__gt=now)
    return max((r.locked_until for r in rows), default=None)


@transaction.atomic
def register_failure(email: str, address: str | None) -> None:
    now = clock.now()
    for key in _keys(email, address):
        row, _ = LoginThrottle.objects.select_for_update().get_or_create(key=key)
        if row.locked_until and row.locked_until <= now:
            row.failures = 0
        row.failures += 1
        if row.failures >= settings.LOGIN_MAX_FAILURES:
            row.locked_until = now + dt.timedelta(seconds=settings.LOGIN_LOCK_SECONDS)
        row.save()


def register_success(email: str, address: str | None) -> None:
    LoginThrottle.objects.filter(key=_keys(email, None)[0]).delete()
