"""Checks of a citizen's text before a message is accepted: length limits, no markup, and
the moderation checks (sensitive words, spam) of kernel/moderation. Errors are per field, in
Chinese, so the form shows them next to the text the citizen keeps."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sunshine.kernel.moderation.checks import check_text, contains_markup

from .models import BODY_MAX, SUBJECT_MAX


def _moderate(text: str, *, author) -> list[str]:
    result = check_text(text, author=author, kind="message")
    return [] if result.ok else list(result.reasons)


def check_message_text(*, subject: str, body: str, author=None) -> tuple[str, str]:
    """The cleaned (subject, body), or ValidationError({field: [messages]})."""
    subject = (subject or "").strip()
    body = (body or "").strip()
    errors: dict[str, list[str]] = {}
    if not subject:
        errors.setdefault("subject", []).append(_("请填写留言主题。"))
    elif len(subject) > SUBJECT_MAX:
        errors.setdefault("subject", []).append(
            _("留言主题不能超过 %(max)s 个字（现为 %(n)s 个字）。")
            % {"max": SUBJECT_MAX, "n": len(subject)}
        )
    if not body:
        errors.setdefault("body", []).append(_("请填写留言详情。"))
    elif len(body) > BODY_MAX:
        errors.setdefault("body", []).append(
            _("留言详情不能超过 %(max)s 个字（现为 %(n)s 个字）。")
            % {"max": BODY_MAX, "n": len(body)}
        )
    for field, text in (("subject", subject), ("body", body)):
        if text and contains_markup(text):
            errors.setdefault(field, []).append(_("请不要输入 HTML 标签或脚本，留言只接受纯文本。"))
    if not errors:
        reasons = _moderate(f"{subject}\n{body}", author=author)
        if reasons:
            errors["body"] = reasons
    if errors:
        raise ValidationError(errors)
    return subject, body
