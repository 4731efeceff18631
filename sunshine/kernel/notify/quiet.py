"""Quiet hours (免打扰时段): no immediate e-mail at night. A message raised in quiet hours
is held (Delivery.send_after) until they end. Hours are Asia/Shanghai wall-clock hours,
settings.NOTIFY_QUIET_HOURS = (start, end), default (22, 7); None switches them off.
Digests go at the hour the subscriber chose, and webhooks (machines) are never held."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT = (22, 7)


def quiet_hours() -> tuple[int, int] | None:
    return getattr(settings, "NOTIFY_QUIET_HOURS", DEFAULT)


def end_of_quiet_hours(moment: dt.datetime) -> dt.datetime | None:
    """When the quiet hours around `moment` end, or None if `moment` is not in them."""
    hours = quiet_hours()
    if not hours:
        return None
    start, end = hours
    local = moment.astimezone(SHANGHAI)
    h = local.hour
    inside = (start <= h or h < end) if start > end else (start <= h < end)
    if not inside:
        return None
    day = local.date() if h < end else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(end, 0), tzinfo=SHANGHAI).astimezone(dt.UTC)
