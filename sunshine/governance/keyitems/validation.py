"""Field checks shared by the key-item services: each returns the clean value or adds a
Chinese message under the field's name to `errors` (the form shows it next to the field)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from sunshine.kernel.moderation.checks import contains_markup

from .choices import AMOUNT_DIGITS

AMOUNT_MAX = Decimal(10 ** (AMOUNT_DIGITS - 2)) - Decimal("0.01")


def text(errors, field, value, *, label, max_length, required=False) -> str:
    value = str(value or "").replace("\r\n", "\n").strip()
    if required and not value:
        errors.setdefault(field, []).append(_("请填写%(label)s。") % {"label": label})
    elif len(value) > max_length:
        errors.setdefault(field, []).append(
            _("%(label)s不能超过 %(max)s 个字（现有 %(n)s 个字）。")
            % {"label": label, "max": max_length, "n": len(value)}
        )
    elif value and contains_markup(value):
        errors.setdefault(field, []).append(_("请不要输入 HTML 标签或脚本，只接受纯文本。"))
    return value


def amount(errors, field, value, *, label, required=False) -> Decimal | None:
    if value in (None, ""):
        if required:
            errors.setdefault(field, []).append(_("请填写%(label)s。") % {"label": label})
        return None
    try:
        number = Decimal(str(value).replace(",", "").strip())
        if not number.is_finite() or number <= 0 or number > AMOUNT_MAX:
            raise InvalidOperation
    except InvalidOperation:
        errors.setdefault(field, []).append(
            _("%(label)s应为大于0的金额（元，最多两位小数）。") % {"label": label}
        )
        return None
    if number != number.quantize(Decimal("0.01")):
        errors.setdefault(field, []).append(_("%(label)s最多两位小数。") % {"label": label})
        return None
    return number


def date(errors, field, value, *, label, required=False) -> dt.date | None:
    if value in (None, ""):
        if required:
            errors.setdefault(field, []).append(_("请填写%(label)s。") % {"label": label})
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.setdefault(field, []).append(
            _("%(label)s应为日期（如 2026-12-07）。") % {"label": label}
        )
        return None


def order(errors, start_field, start, end_field, end, *, message) -> None:
    if start and end and end < start:
        errors.setdefault(end_field, []).append(message)


def yuan(value) -> str:
    """An amount as the pages show it: 1,234,567.89 元, or 万元 above 10,000."""
    if value is None:
        return "—"
    if value >= 10000:
        return _("%(n)s 万元") % {"n": f"{(value / 10000).quantize(Decimal('0.01')):,}"}
    return _("%(n)s 元") % {"n": f"{value:,}"}
