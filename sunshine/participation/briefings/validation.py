"""Field checks of briefings: one clear Chinese message per field (shown next to it)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sunshine.kernel.moderation.checks import contains_markup

from .models import Briefing, BriefingKind, MediaKind

TRANSCRIPT_MAX = 100_000
MEDIA_MAX = 20


def _url_ok(url: str) -> bool:
    return url.startswith(("https://", "http://")) and len(url) <= 500 and " " not in url


def check_briefing(briefing: Briefing) -> None:
    errors = {}
    if briefing.kind not in BriefingKind.values:
        errors["kind"] = _("请选择形式。")
    if not briefing.title:
        errors["title"] = _("请填写标题。")
    elif len(briefing.title) > 200:
        errors["title"] = _("标题不能超过200个字。")
    elif contains_markup(briefing.title):
        errors["title"] = _("标题不能包含网页代码（HTML）。")
    if len(briefing.place) > 200:
        errors["place"] = _("地点不能超过200个字。")
    if contains_markup(briefing.summary):
        errors["summary"] = _("简介不能包含网页代码（HTML）。")
    if briefing.online_url and not _url_ok(briefing.online_url):
        errors["online_url"] = _("在线收看地址须以 http:// 或 https:// 开头。")
    if errors:
        raise ValidationError(errors)


def check_transcript(transcript: str) -> None:
    if len(transcript) > TRANSCRIPT_MAX:
        raise ValidationError({"transcript": _("文字实录不能超过10万字。")})
    if contains_markup(transcript):
        raise ValidationError({"transcript": _("文字实录不能包含网页代码（HTML），请粘贴纯文字。")})


def clean_media(media_links) -> list[dict]:
    cleaned = []
    for item in media_links or []:
        kind, url = str(item.get("kind", "")), str(item.get("url", "")).strip()
        if not url:
            continue
        if kind not in MediaKind.values:
            raise ValidationError({"media_links": _("媒体类型只能是视频、音频或图片。")})
        if not _url_ok(url):
            raise ValidationError(
                {"media_links": _("链接须以 http:// 或 https:// 开头：%(url)s") % {"url": url[:80]}}
            )
        cleaned.append({"kind": kind, "url": url})
    if len(cleaned) > MEDIA_MAX:
        raise ValidationError({"media_links": _("链接最多20个。")})
    return cleaned


def clean_speakers(speakers) -> list[dict]:
    cleaned = []
    for i, s in enumerate(speakers or [], start=1):
        name, post = str(s.get("name", "")).strip(), str(s.get("post", "")).strip()
        if not name and not post:
            continue
        if not name or len(name) > 60 or contains_markup(name):
            raise ValidationError(
                {"speakers": _("第%(n)d位发布人：请填写姓名（不超过60个字，纯文字）。") % {"n": i}}
            )
        if not post or len(post) > 100 or contains_markup(post):
            raise ValidationError(
                {"speakers": _("第%(n)d位发布人：请填写职务（不超过100个字，纯文字）。") % {"n": i}}
            )
        if s.get("agency") is None:
            raise ValidationError({"speakers": _("第%(n)d位发布人：请选择所在单位。") % {"n": i}})
        cleaned.append(
            {
                "name": name,
                "post": post,
                "agency": s["agency"],
                "is_principal_leader": bool(s.get("is_principal_leader")),
            }
        )
    return cleaned
