"""Plain-text fields of ratings and cases: trimmed, length-checked, no markup (no HTML
injection). Uses the moderation kernel's markup check when it is installed."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

COMMENT_MAX = 500
NOTE_MAX = 2000

_MARKUP = re.compile(
    r"<\s*/?\s*[a-zA-Z!][^>]*>|&#?[a-zA-Z0-9]+;|javascript\s*:|on[a-z]+\s*=", re.IGNORECASE
)


def contains_markup(text: str) -> bool:
    try:
        from sunshine.kernel.moderation.checks import contains_markup as moderation_check
    except ImportError:  # the moderation kernel is optional here
        moderation_check = None
    if moderation_check is not None and moderation_check(text):
        return True
    return bool(_MARKUP.search(text or ""))


def clean_text(value, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationError({field: _("请填写%(label)s。") % {"label": label}})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("%(label)s不能超过 %(max)s 个字（现有 %(n)s 个字）。")
                % {"label": label, "max": max_length, "n": len(text)}
            }
        )
    if contains_markup(text):
        raise ValidationError(
            {field: _("%(label)s请使用纯文字，不能包含网页代码或标记。") % {"label": label}}
        )
    return text
