"""Field checks shared by the item editor services: lengths, plain text (no markup)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sunshine.kernel.moderation.checks import contains_markup

ITEM_FIELDS = {
    "name": 200,
    "summary": 500,
    "basis": 5000,
    "conditions": 5000,
    "location": 1000,
    "handling_unit": 200,
    "fee_standard": 2000,
    "fee_basis": 300,
    "office_hours": 300,
    "phone": 100,
    "procedure": 5000,
}
ITEM_FLAGS = ("is_free", "online", "offline", "for_persons", "for_enterprises")
ITEM_NUMBERS = ("promised_days", "statutory_days")


def clean_text(fields: dict, limits: dict) -> dict:
    cleaned, errors = {}, {}
    for name, value in fields.items():
        if name not in limits:
            continue
        text = str(value or "").strip()
        if len(text) > limits[name]:
            errors[name] = _("不能超过 %(n)s 个字。") % {"n": limits[name]}
        elif contains_markup(text):
            errors[name] = _("请填写纯文本，不要包含网页代码。")
        cleaned[name] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def clean_item_fields(changes: dict) -> dict:
    unknown = set(changes) - set(ITEM_FIELDS) - set(ITEM_FLAGS) - set(ITEM_NUMBERS)
    unknown.discard("themes")
    if unknown:
        raise TypeError(f"unknown service item fields: {sorted(unknown)}")
    cleaned = clean_text(changes, ITEM_FIELDS)
    for name in ITEM_FLAGS:
        if name in changes:
            cleaned[name] = bool(changes[name])
    errors = {}
    for name in ITEM_NUMBERS:
        if name in changes:
            value = changes[name]
            if value in (None, ""):
                cleaned[name] = None
                continue
            try:
                number = int(value)
            except (TypeError, ValueError):
                number = 0
            if number < 1 or number > 365:
                errors[name] = _("请填写 1 至 365 之间的工作日数。")
            cleaned[name] = number
    if errors:
        raise ValidationError(errors)
    return cleaned
