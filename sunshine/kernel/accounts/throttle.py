"""Login throttling by (account, client), not a lock on the account.

A hard lock per account let anyone lock anyone out (five wrong passwords, for ever), and keyed
on REMOTE_ADDR it put every visitor behind the proxy under one lock. Instead:

- per (account, client): the first LOGIN_FREE_FAILURES failures cost nothing; from then on
  each failure makes that pair wait LOGIN_DELAY_BASE_SECONDS · 2^(n − free) seconds (1 s, 2 s,
  4 s, … up to LOGIN_DELAY_MAX_SECONDS). Other clients, the owner's included, are not slowed.
  A success clears the pair; failures are forgotten after LOGIN_FAILURE_MEMORY_SECONDS.
- per client, over all accounts: after LOGIN_CLIENT_MAX_FAILURES failures within
  LOGIN_CLIENT_WINDOW_SECONDS the client waits LOGIN_CLIENT_LOCK_SECONDS (password spraying).
- the owner can always get in with an e-mailed unlock link (unlock.py), which skips both.

The client is `kernel.access.client.client_key` (the visitor behind our trusted proxies, an
IPv6 /64 counted as one client)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math

from django.conf import settings
from django.db import transaction

from sunshine.kernel import clock

from .models import LoginThrottle

PAIR, CLIENT = "pair", "client"
PURGE_EVERY = 100  # new rows


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def _pair_key(email: str, client: str) -> str:
    # Hashed: the table should not be a list of who tried which address from where.
    digest = hashlib.sha256(normalize_email(email).encode()).hexdigest()[:40]
    return f"pair:{digest}:{client}"


def _client_key(client: str) -> str:
    return f"client:{client}"


@dataclasses.dataclass(frozen=True)
class Refusal:
    """Why and until when a sign-in attempt is refused without checking the password."""

    kind: str  # PAIR or CLIENT
    until: dt.datetime

    @property
    def seconds(self) -> int:
        return max(1, math.ceil((self.until - clock.now()).total_seconds()))


def pair_delay(failures: int) -> int:
    """Seconds a pair waits after its `failures`-th failure (0 while still free)."""
    free = _setting("LOGIN_FREE_FAILURES", 3)
    if failures < free:
        return 0
    base = _setting("LOGIN_DELAY_BASE_SECONDS", 1)
    cap = _setting("LOGIN_DELAY_MAX_SECONDS", 900)
    exponent = min(failures - free, 32)  # 2**32 s is past any cap
    return min(base * 2**exponent, cap)


def check(email: str, client: str) -> Refusal | None:
    """The refusal in force for this account from this client, the longest if both apply."""
    now = clock.now()
    rows = LoginThrottle.objects.filter(
        key__in=[_pair_key(email, client), _client_key(client)], locked_until__gt=now
    )
    refusals = [
        Refusal(PAIR if r.key.startswith("pair:") else CLIENT, r.locked_until) for r in rows
    ]
    return max(refusals, key=lambda r: r.until, default=None)


def _fresh(row: LoginThrottle, now: dt.datetime, memory: int) -> None:
    if row.last_failure_at and (now - row.last_failure_at).total_seconds() > memory:
        row.failures, row.locked_until = 0, None


@transaction.atomic
def register_failure(email: str, client: str) -> None:
    now = clock.now()
    pair, created = LoginThrottle.objects.select_for_update().get_or_create(
        key=_pair_key(email, client)
    )
    if created and pair.pk % PURGE_EVERY == 0:
        purge_stale(now)
    _fresh(pair, now, _setting("LOGIN_FAILURE_MEMORY_SECONDS", 86400))
    pair.failures += 1
    delay = pair_delay(pair.failures)
    pair.locked_until = now + dt.timedelta(seconds=delay) if delay else None
    pair.last_failure_at = now
    pair.save()

    row, _ = LoginThrottle.objects.select_for_update().get_or_create(key=_client_key(client))
    _fresh(row, now, _setting("LOGIN_CLIENT_WINDOW_SECONDS", 3600))
    row.failures += 1
    if row.failures >= _setting("LOGIN_CLIENT_MAX_FAILURES", 30):
        lock = _setting("LOGIN_CLIENT_LOCK_SECONDS", 900)
        row.locked_until = now + dt.timedelta(seconds=lock)
    row.last_failure_at = now
    row.save()


def purge_stale(now: dt.datetime | None = None) -> int:
    """Delete rows nobody remembers any more (no failure within the longest memory, no wait in
    force): guesses at many made-up addresses must not grow the table for ever. Run by
    register_failure every PURGE_EVERY new rows."""
    now = now or clock.now()
    memory = max(
        _setting("LOGIN_FAILURE_MEMORY_SECONDS", 86400),
        _setting("LOGIN_CLIENT_WINDOW_SECONDS", 3600),
    )
    stale = LoginThrottle.objects.filter(
        last_failure_at__lt=now - dt.timedelta(seconds=memory)
    ).exclude(locked_until__gt=now)
    return stale.delete()[0]


def register_success(email: str, client: str) -> None:
    """The right password from this client: its pair starts again. The client's count over
    all accounts stays (one success must not hide a spraying run)."""
    LoginThrottle.objects.filter(key=_pair_key(email, client)).delete()
