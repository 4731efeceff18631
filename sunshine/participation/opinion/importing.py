"""Reading a CSV of captured posts (columns text, source, url, captured_at; author optional)
for `manage.py import_opinion_items`. `source` is a channel code (weibo, wechat…) or its
Chinese name (微博、微信…); `captured_at` is ISO 8601 or "YYYY-MM-DD HH:MM[:SS]" in
Asia/Shanghai time. UTF-8 with or without BOM."""

import csv
import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

REQUIRED_COLUMNS = ("text", "source", "url", "captured_at")


def parse_moment(value: str) -> dt.datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("/", "-"))
    except ValueError:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def read_items(path: Path) -> list[dict]:
    """The rows as dicts for `services.capture_items` (with their line number)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise ValidationError(
                _("CSV 缺少列：%(cols)s（需要 text, source, url, captured_at）。")
                % {"cols": ", ".join(missing)}
            )
        rows = []
        for line, raw in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "") for k, v in raw.items()}
            rows.append(
                {
                    "line": line,
                    "text": row.get("text", ""),
                    "source": row.get("source", "").strip() or "other",
                    "url": row.get("url", "").strip(),
                    "author_label": row.get("author", "").strip(),
                    "captured_at": parse_moment(row.get("captured_at", "")),
                }
            )
    return rows
