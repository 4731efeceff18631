"""The checks of a power item's fields, shared by the forms, the API and the XLSX import: one
function names every problem at once ({field: [message, ...]})."""

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import CODE_MAX, NAME_MAX, PowerKind

CONTENT_FIELDS = (
    "name",
    "basis",
    "subject",
    "process",
    "responsibility",
    "accountability",
    "service_code",
)
REQUIRED = {"name": "事项名称", "basis": "设定依据", "subject": "实施主体"}
LIMITS = {"name": NAME_MAX, "subject": 200, "service_code": 40, "note": 300}
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.\-]*$")


def _text(value) -> str:
    return unicodedata.normalize("NFC", str(value or "")).strip()


def _paragraphs(value) -> str:
    lines = [_text(line) for line in str(value or "").splitlines()]
    return "\n".join(line for line in lines if line)


def clean_code(value) -> str:
    code = unicodedata.normalize("NFKC", str(value or "")).strip().upper()
    if not code:
        raise ValidationError({"code": [_("请填写事项编码。")]})
    if len(code) > CODE_MAX or not _CODE.match(code):
        raise ValidationError(
            {
                "code": [
                    _("事项编码只能由字母、数字、“-”“_”“.”组成，不超过 %(n)s 个字符。")
                    % {"n": CODE_MAX}
                ]
            }
        )
    return code


def clean_kind(value) -> str:
    if value in PowerKind.values:
        return value
    by_label = {str(label): code for code, label in PowerKind.choices}
    by_label["其他"] = PowerKind.OTHER
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if text in by_label:
        return by_label[text]
    options = "、".join(str(label) for label in PowerKind.labels)
    raise ValidationError({"kind": [_("事项类型应为：%(o)s") % {"o": options}]})


def clean_content(values: dict, *, kind: str) -> dict:
    """The version fields of `values`, cleaned; ValidationError naming every problem."""
    cleaned = {name: _paragraphs(values.get(name)) for name in CONTENT_FIELDS}
    cleaned["name"] = _text(values.get("name"))
    cleaned["subject"] = _text(values.get("subject"))
    cleaned["service_code"] = unicodedata.normalize(
        "NFKC", str(values.get("service_code") or "")
    ).strip()
    errors: dict[str, list[str]] = {}
    for name, label in REQUIRED.items():
        if not cleaned[name]:
            errors.setdefault(name, []).append(_("请填写%(field)s。") % {"field": _(label)})
    for name, limit in LIMITS.items():
        if name in cleaned and len(cleaned[name]) > limit:
            errors.setdefault(name, []).append(
                _("不能超过 %(n)s 个字符（现有 %(m)s 个）。")
                % {"n": limit, "m": len(cleaned[name])}
            )
    # A service item serves a 行政许可 (审批服务); other powers are not applied for.
    if cleaned["service_code"] and kind != PowerKind.LICENSING:
        errors.setdefault("service_code", []).append(_("只有行政许可事项可以关联政务服务事项。"))
    if errors:
        raise ValidationError(errors)
    return cleaned


def parse_date(value, field: str = "effective_from") -> dt.date:
    """A date typed as 2026-01-01, 2026/1/1, 2026.1.1 or 2026年1月1日 (or a date object)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    match = re.match(
        r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$", text
    )
    if match:
        try:
            return dt.date(*(int(p) for p in match.groups()))
        except ValueError:
            pass
    raise ValidationError({field: [_("日期格式应为 2026-01-01。")]})
