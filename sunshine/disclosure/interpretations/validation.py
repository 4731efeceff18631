"""Checking an interpretation's fields before a service writes them: every problem at once, by
field, in words a drafter understands."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from .choices import InterpretationKind

EDITABLE_FIELDS = frozenset({"kind", "title", "body", "media_url"})
TITLE_MAX = 300
MEDIA_URL_MAX = 500
_media_url = URLValidator(schemes=["http", "https"])


def check_field_names(changes: dict) -> None:
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")


def clean_fields(values: dict) -> dict:
    """The cleaned values of kind, title, body and media_url (ValidationError by field)."""
    errors: dict[str, list[str]] = {}
    kind = str(values.get("kind") or "")
    if kind not in InterpretationKind.values:
        errors["kind"] = [_("请选择解读形式。")]
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        errors["title"] = [_("请填写解读标题。")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("标题不能超过 %(n)s 个字。") % {"n": TITLE_MAX}]
    body = str(values.get("body") or "").replace("\r\n", "\n").strip()
    media_url = str(values.get("media_url") or "").strip()
    if media_url:
        try:
            _media_url(media_url)
        except ValidationError:
            errors["media_url"] = [_("请填写以 http:// 或 https:// 开头的有效网址。")]
        else:
            if len(media_url) > MEDIA_URL_MAX:
                errors["media_url"] = [_("网址不能超过 %(n)s 个字符。") % {"n": MEDIA_URL_MAX}]
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "title": title, "body": body, "media_url": media_url}
