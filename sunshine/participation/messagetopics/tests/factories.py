"""Messages built directly (tests of grouping and statistics need exact times and states)."""

import datetime as dt
from zoneinfo import ZoneInfo

from sunshine.participation.messages.models import Message

BEIJING = ZoneInfo("Asia/Shanghai")
_counter = iter(range(1, 10_000_000))


def at(y, m, d, hh=10, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=BEIJING)


def make_message(*, subject="测试留言", body="留言内容", submitted_at=None, **fields) -> Message:
    n = next(_counter)
    fields.setdefault("state", "assigned")
    fields.setdefault("author_label", f"U{n:05d}")
    return Message.objects.create(
        subject=subject,
        body=body,
        submitted_at=submitted_at or at(2026, 9, 1),
        **fields,
    )
