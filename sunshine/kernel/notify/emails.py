"""Composing the e-mails: absolute links, footers, the double opt-in confirmation. Texts are
composed when the message is queued (in the language active then) and stored on the
Delivery, so a retry sends exactly the same message."""

from django.conf import settings
from django.urls import reverse
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
