"""Checking the fields of events, responses, captured items, 研判 and 会商 before a service writes them:
every problem at once, by field, in words staff understand. Plain-text fields refuse markup
(kernel moderation's check); captured posts are stored as plain text (tags stripped)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.moderation.checks import contains_markup

from .choices import (
    COORDINATION_HOURS_MAX,
    COORDINATION_HOURS_MIN,
    OpinionLevel,
    ResponseChannel,
    ResponseKind,
    ResponseMethod,
    SourceChannel,
    Trend,
)

TITLE_MAX = 200
SUMMARY_MAX = 2000
TEXT_MAX = 5000
URL_MAX = 500
REASON_MAX = 500
AUTHOR_MAX = 100
# A moment typed a little ahead of the server's clock is still "now".
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
_url = URLValidator(schemes=["http", "https"])


def _text(errors, name, value, *, required, limit, missing) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if not text:
        if required:
            errors[name] = [missing]
    elif len(text) > limit:
        errors[name] = [
            _("不能超过 %(n)s 个字（现为 %(m)s 个字）。") % {"n": limit, "m": len(text)}
        ]
    elif contains_markup(text):
        errors[name] = [_("请填写纯文本，不要包含网页代码（HTML 标签或脚本）。")]
    return text


def _url_field(errors, name, value) -> str:
    url = str(value or "").strip()
    if url:
        try:
            _url(url)
        except ValidationError:
            errors[name] = [_("请填写以 http:// 或 https:// 开头的有效网址。")]
        else:
            if len(url) > URL_MAX:
                errors[name] = [_("网址不能超过 %(n)s 个字符。") % {"n": URL_MAX}]
    return url


def _choice(errors, name, value, choices, message) -> str:
    value = str(value or "")
    if value not in choices.values:
        errors[name] = [message]
    return value


def _moment(errors, name, value, *, missing, not_before=None, before_message="") -> dt.datetime:
    if not isinstance(value, dt.datetime):
        errors[name] = [missing]
        return value
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > clock.now() + FUTURE_TOLERANCE:
        errors[name] = [_("时间不能晚于现在。")]
    elif not_before is not None and value < not_before:
        errors[name] = [before_message]
    return value


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def clean_event(values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = {
        "title": " ".join(
            _text(
                errors,
                "title",
                values.get("title"),
                required=True,
                limit=TITLE_MAX,
                missing=_("请填写事件名称。"),
            ).split()
        ),
        "summary": _text(
            errors, "summary", values.get("summary"), required=False, limit=SUMMARY_MAX, missing=""
        ),
        "source": _choice(
            errors, "source", values.get("source"), SourceChannel, _("请选择来源渠道。")
        ),
        "source_url": _url_field(errors, "source_url", values.get("source_url")),
        "level": _choice(errors, "level", values.get("level"), OpinionLevel, _("请选择舆情级别。")),
        "first_seen_at": _moment(
            errors, "first_seen_at", values.get("first_seen_at"), missing=_("请填写首次发现时间。")
        ),
    }
    raise_if(errors)
    return cleaned


def clean_response(values: dict, *, first_seen_at: dt.datetime) -> dict:
    errors: dict[str, list[str]] = {}
    responded_at = values.get("responded_at") or clock.now()
    cleaned = {
        "kind": _choice(errors, "kind", values.get("kind"), ResponseKind, _("请选择回应类型。")),
        "channel": _choice(
            errors, "channel", values.get("channel"), ResponseChannel, _("请选择回应渠道。")
        ),
        "text": _text(
            errors,
            "text",
            values.get("text"),
            required=True,
            limit=TEXT_MAX,
            missing=_("请填写回应内容。"),
        ),
        "url": _url_field(errors, "url", values.get("url")),
        "responded_at": _moment(
            errors,
            "responded_at",
            responded_at,
            missing=_("请填写回应时间。"),
            not_before=first_seen_at,
            before_message=_("回应时间不能早于舆情首次发现时间。"),
        ),
    }
    raise_if(errors)
    return cleaned


def clean_reason(value, *, missing: str) -> str:
    errors: dict[str, list[str]] = {}
    reason = _text(errors, "reason", value, required=True, limit=REASON_MAX, missing=missing)
    raise_if(errors)
    return reason


def clean_evaluation(score, text) -> tuple[int, str]:
    errors: dict[str, list[str]] = {}
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        errors["evaluation_score"] = [_("请选择效果评估等级。")]
    text = _text(
        errors,
        "evaluation_text",
        text,
        required=True,
        limit=SUMMARY_MAX,
        missing=_("请填写评估意见。"),
    )
    raise_if(errors)
    return score, text


def clean_item(values: dict) -> dict:
    """A captured post: plain text (tags stripped), a known channel, a valid link if any."""
    errors: dict[str, list[str]] = {}
    text = strip_tags(str(values.get("text") or "")).replace("\r\n", "\n").strip()
    if not text:
        errors["text"] = [_("内容不能为空。")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("内容不能超过 %(n)s 个字。") % {"n": TEXT_MAX}]
    source = str(values.get("source") or SourceChannel.OTHER)
    if source not in SourceChannel.values:
        by_label = {str(label): value for value, label in SourceChannel.choices}
        source = by_label.get(source, "")
        if not source:
            errors["source"] = [_("来源渠道不在列表中。")]
    author = strip_tags(str(values.get("author_label") or "")).strip()[:AUTHOR_MAX]
    cleaned = {
        "text": text,
        "source": source,
        "url": _url_field(errors, "url", values.get("url")),
        "author_label": author,
        "captured_at": _moment(
            errors, "captured_at", values.get("captured_at"), missing=_("请填写采集时间。")
        ),
    }
    raise_if(errors)
    return cleaned


def clean_analysis(values: dict) -> dict:
    """A 研判: level, trend, concerns (required), recommended method, 口径 (optional)."""
    errors: dict[str, list[str]] = {}
    cleaned = {
        "level": _choice(errors, "level", values.get("level"), OpinionLevel, _("请选择研判级别。")),
        "trend": _choice(errors, "trend", values.get("trend"), Trend, _("请选择舆情走势。")),
        "concerns": _text(
            errors,
            "concerns",
            values.get("concerns"),
            required=True,
            limit=SUMMARY_MAX,
            missing=_("请填写网民的主要关切。"),
        ),
        "method": _choice(
            errors, "method", values.get("method"), ResponseMethod, _("请选择建议的回应方式。")
        ),
        "talking_points": _text(
            errors,
            "talking_points",
            values.get("talking_points"),
            required=False,
            limit=TEXT_MAX,
            missing="",
        ),
        "level_reason": _text(
            errors,
            "level_reason",
            values.get("level_reason"),
            required=False,
            limit=REASON_MAX,
            missing="",
        ),
    }
    raise_if(errors)
    return cleaned


def clean_coordination(values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    try:
        hours = int(values.get("hours"))
    except (TypeError, ValueError):
        hours = 0
    if not COORDINATION_HOURS_MIN <= hours <= COORDINATION_HOURS_MAX:
        errors["hours"] = [
            _("答复时限应为 %(a)s 至 %(b)s 小时。")
            % {"a": COORDINATION_HOURS_MIN, "b": COORDINATION_HOURS_MAX}
        ]
    cleaned = {
        "topic": " ".join(
            _text(
                errors,
                "topic",
                values.get("topic"),
                required=True,
                limit=TITLE_MAX,
                missing=_("请填写会商议题。"),
            ).split()
        ),
        "brief": _text(
            errors, "brief", values.get("brief"), required=False, limit=SUMMARY_MAX, missing=""
        ),
        "hours": hours,
    }
    raise_if(errors)
    return cleaned


def clean_long_text(name: str, value, *, missing: str) -> str:
    """One required plain-text field (a question, an answer, the joint response)."""
    errors: dict[str, list[str]] = {}
    text = _text(errors, name, value, required=True, limit=TEXT_MAX, missing=missing)
    raise_if(errors)
    return text
