"""Composing the e-mails: absolute links, footers, the double opt-in confirmation. Texts are
composed when the message is queued (in the language active then) and stored on the
Delivery, so a retry sends exactly the same message."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Subscription

CONFIRM_EVENT = "notify.confirm"


def base_url() -> str:
    """Where links in e-mails point: settings.NOTIFY_BASE_URL, else https://SITE_DOMAIN."""
    configured = getattr(settings, "NOTIFY_BASE_URL", "")
    return (configured or f"https://{settings.SITE_DOMAIN}").rstrip("/")


def absolute_url(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return base_url() + (url if url.startswith("/") else "/" + url)


def confirm_url(subscription: Subscription) -> str:
    return absolute_url(reverse("notify:subscription_confirm", args=[subscription.confirm_token]))


def unsubscribe_url(subscription: Subscription) -> str:
    return absolute_url(
        reverse("notify:subscription_unsubscribe", args=[subscription.unsubscribe_token])
    )


def user_email_body(body: str, url: str) -> str:
    """A notification to an account holder: the text, the link, where to find it again."""
    parts = [body.strip()]
    if url:
        parts.append(_("查看详情：%(url)s") % {"url": absolute_url(url)})
    parts.append(
        _("此邮件由%(site)s自动发送，请勿直接回复。登录后可在“消息”中查看全部通知。")
        % {"site": settings.SITE_NAME}
    )
    return "\n\n".join(p for p in parts if p)


def topic_email_body(body: str, url: str, subscription: Subscription) -> str:
    """A topic publication to a subscriber, with the way out in every message."""
    parts = [body.strip()]
    if url:
        parts.append(_("查看详情：%(url)s") % {"url": absolute_url(url)})
    parts.append(
        _("您订阅了%(site)s的“%(topic)s”信息。如不想再收到此类邮件，请打开以下链接退订：%(url)s")
        % {
            "site": settings.SITE_NAME,
            "topic": subscription.topic,
            "url": unsubscribe_url(subscription),
        }
    )
    return "\n\n".join(p for p in parts if p)


def confirmation_email(subscription: Subscription, topic_label: str) -> tuple[str, str]:
    subject = _("请确认订阅：%(topic)s") % {"topic": topic_label}
    body = _(
        "您好！\n\n"
        "有人（希望是您本人）使用此邮箱地址订阅了%(site)s的“%(topic)s”信息。"
        "请打开以下链接确认订阅（7天内有效）：\n%(confirm)s\n\n"
        "如果不是您本人操作，请忽略此邮件，我们不会再向您发送此类信息。"
    ) % {"site": settings.SITE_NAME, "topic": topic_label, "confirm": confirm_url(subscription)}
    return subject, body


# --- Publications and digests: a text part and an HTML part -----------------------------
# Composed with format_html rather than a template: a fan-out composes one message per
# subscriber (the unsubscribe link differs), and this is ~50x faster than render_to_string.

_HTML = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{}</title></head>'
    '<body style="font-family:sans-serif;line-height:1.6;max-width:40em">{}'
    '<hr><p style="color:#555;font-size:90%">{}</p></body></html>'
)


def topic_label(subscription: Subscription) -> str:
    return subscription.label or subscription.topic


def _footer(subscription: Subscription) -> tuple[str, str]:
    text = _(
        "您订阅了%(site)s的“%(topic)s”信息。如不想再收到此类邮件，请打开以下链接退订：%(url)s"
    ) % {
        "site": settings.SITE_NAME,
        "topic": topic_label(subscription),
        "url": unsubscribe_url(subscription),
    }
    html = format_html(
        '{} <a href="{}">{}</a>',
        _("您订阅了%(site)s的“%(topic)s”信息。")
        % {"site": settings.SITE_NAME, "topic": topic_label(subscription)},
        unsubscribe_url(subscription),
        _("退订"),
    )
    return text, html


_TOKEN = "__notify_unsubscribe_token__"  # nosec B105 (a placeholder, never a real token)


def publication_email(publication, subscription: Subscription) -> tuple[str, str]:
    """(text, html) for one subscriber. Composed once per publication and topic label, then
    only the subscriber's unsubscribe token is put in: a fan-out to 100,000 addresses must not
    compose 100,000 messages from scratch."""
    cache = publication.__dict__.setdefault("_email_cache", {})
    label = topic_label(subscription)
    if label not in cache:
        stand_in = Subscription(topic=subscription.topic, label=label, unsubscribe_token=_TOKEN)
        url = absolute_url(publication.url)
        parts = [publication.title, publication.summary.strip()]
        if url:
            parts.append(_("查看详情：%(url)s") % {"url": url})
        footer_text, footer_html = _footer(stand_in)
        text = "\n\n".join(p for p in [*parts, footer_text] if p)
        body = format_html('<h1 style="font-size:1.3em">{}</h1>', publication.title)
        if publication.summary:
            body += format_html("<p>{}</p>", publication.summary)
        if url:
            body += format_html('<p><a href="{}">{}</a></p>', url, _("查看详情"))
        cache[label] = (text, str(format_html(_HTML, publication.title, body, footer_html)))
    text, html = cache[label]
    token = subscription.unsubscribe_token
    return text.replace(_TOKEN, token), html.replace(_TOKEN, token)


def digest_email(
    subscription: Subscription, groups: list[tuple[str, list]], frequency_label: str
) -> tuple[str, str, str]:
    """One message listing the new items, grouped by topic: (subject, text, html)."""
    count = sum(len(items) for _label, items in groups)
    subject = _("%(site)s%(freq)s：%(n)d条新信息") % {
        "site": settings.SITE_NAME,
        "freq": frequency_label,
        "n": count,
    }
    lines, body = [], format_html('<h1 style="font-size:1.3em">{}</h1>', subject)
    for label, items in groups:
        lines.append(f"【{label}】")
        body += format_html('<h2 style="font-size:1.1em">{}</h2><ul>', label)
        for pub in items:
            url = absolute_url(pub.url)
            lines.append(f"· {pub.title}" + (f"\n  {url}" if url else ""))
            body += (
                format_html('<li><a href="{}">{}</a></li>', url, pub.title)
                if url
                else format_html("<li>{}</li>", pub.title)
            )
        body += mark_safe("</ul>")  # nosec B308 (a constant tag)
        lines.append("")
    footer_text, footer_html = _footer(subscription)
    text = "\n".join(lines) + "\n" + footer_text
    return subject, text, format_html(_HTML, subject, body, footer_html)
