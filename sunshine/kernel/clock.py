"""The one source of "now" and "today" (Asia/Shanghai day boundaries). Tests set it with
`frozen(...)` instead of patching the standard library."""

import contextlib
import datetime as dt

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def frozen(moment: dt.datetime | dt.date):
    """Fix the clock, e.g. `with frozen(date(2026, 9, 30)):`. A date means 09:00 local time."""
    global _frozen
    if isinstance(moment, dt.date) and not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(9, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    previous, _frozen = _frozen, moment
    try:
        yield moment
    finally:
        _frozen = previous
