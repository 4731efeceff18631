"""Checks of a catalog item's fields, shared by the editing services and the XLSX import (so
a form and a spreadsheet row are held to the same rules, with the same messages)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import Audience, Channel, Level, Mode, ordered_codes
from .timelimits import parse_time_limit

EDITABLE = (
    "number",
    "category",
    "subcategory",
    "content",
    "basis",
    "time_limit",
    "subject",
    "channels",
    "audience",
    "mode",
    "levels",
    "sort_order",
    "active",
)
TEXT_LIMITS = {
    "number": 20,
    "category": 100,
    "subcategory": 200,
    "time_limit": 200,
    "subject": 200,
}
REQUIRED = {"category": gettext_lazy("一级事项"), "content": gettext_lazy("公开内容(要素)")}


def check_field_names(changes: dict) -> None:
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise TypeError(f"not editable catalog item fields: {', '.join(unknown)}")


def _text(value) -> str:
    if value is None:
        return ""
    return re.sub(r"[ \t\u3000]+", " ", str(value)).strip()


def _codes(values, choices, field: str, errors: dict) -> list[str]:
    if isinstance(values, str):
        values = [values]
    values = list(values or [])
    unknown = [v for v in values if v not in choices.values]
    if unknown:
        errors.setdefault(field, []).append(
            _("未知的选项：%(values)s") % {"values": "、".join(map(str, unknown))}
        )
    return ordered_codes(values, choices)


def clean_item(values: dict) -> dict:
    """Cleaned field values, plus the time-limit rule read from 公开时限 (`limit_*`).
    Raises ValidationError({field: [message, ...]}) naming every problem at once."""
    check_field_names(values)
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    for name in ("number", "category", "subcategory", "time_limit", "subject"):
        cleaned[name] = _text(values.get(name))
    # Paragraphs of 公开内容 and 公开依据 keep their line breaks.
    for name in ("content", "basis"):
        lines = [_text(line) for line in str(values.get(name) or "").splitlines()]
        cleaned[name] = "\n".join(line for line in lines if line)
    for name, label in REQUIRED.items():
        if not cleaned[name]:
            errors.setdefault(name, []).append(_("请填写%(field)s。") % {"field": label})
    for name, limit in TEXT_LIMITS.items():
        if len(cleaned[name]) > limit:
            errors.setdefault(name, []).append(
                _("不能超过 %(limit)s 个字（现有 %(count)s 个）。")
                % {"limit": limit, "count": len(cleaned[name])}
            )
    cleaned["channels"] = _codes(values.get("channels"), Channel, "channels", errors)
    if not cleaned["channels"] and "channels" not in errors:
        errors["channels"] = [_("请至少选择一个公开渠道和载体。")]
    cleaned["levels"] = _codes(values.get("levels"), Level, "levels", errors)
    cleaned["audience"] = values.get("audience") or Audience.PUBLIC
    if cleaned["audience"] not in Audience.values:
        errors["audience"] = [_("公开对象应为“全社会”或“特定群体”。")]
    cleaned["mode"] = values.get("mode") or Mode.PROACTIVE
    if cleaned["mode"] not in Mode.values:
        errors["mode"] = [_("公开方式应为“主动”或“依申请”。")]
    if "sort_order" in values:
        try:
            cleaned["sort_order"] = max(0, int(values["sort_order"]))
        except (TypeError, ValueError):
            errors["sort_order"] = [_("排序应为整数。")]
    if "active" in values:
        cleaned["active"] = bool(values["active"])
    if errors:
        raise ValidationError(errors)
    cleaned.update(parse_time_limit(cleaned["time_limit"]).as_fields())
    return cleaned


def item_key(category: str, subcategory: str, content: str) -> tuple[str, str, str]:
    """What makes an item the same item across imports: 一级事项 + 二级事项 + 公开内容,
    compared without spaces and line breaks."""

    def squeeze(text: str) -> str:
        return re.sub(r"\s+", "", text or "")

    return squeeze(category), squeeze(subcategory), squeeze(content)
