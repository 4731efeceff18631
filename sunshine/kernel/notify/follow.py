"""关注: following anything, for signed-in users in one click (anonymous visitors go through
`services.subscribe_email`, double opt-in), changing how and when, and webhooks for other
systems. The 关注 button carries the topic and its label *signed* (`follow_token`), so a
visitor cannot subscribe someone to a made-up label ("请确认订阅：<anything>")."""

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock, netguard
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from .models import Channel, Delivery, Frequency, Subscription
from .services import _new_token
from .topics import check_followable, saved_search_topic

SALT = "notify.follow"
USER_CHANNELS = (Channel.EMAIL, Channel.INBOX)


def follow_token(topic: str, label: str, filters: dict | None = None) -> str:
    return signing.dumps({"t": topic, "l": label[:200], "f": filters or {}}, salt=SALT)


def read_follow_token(token: str) -> tuple[str, str, dict]:
    try:
        data = signing.loads(token or "", salt=SALT)
        return check_followable(data["t"]), str(data.get("l", "")), dict(data.get("f") or {})
    except (signing.BadSignature, KeyError, TypeError):
        raise ValidationError(_("关注链接无效，请返回页面重试。")) from None


def search_follow_token(filters: dict, label: str) -> str:
    """The 关注 button of a search result page: the saved search is its conditions."""
    clean = {k: v for k, v in filters.items() if v not in ("", None)}
    return follow_token(saved_search_topic(clean), label, clean)


@transaction.atomic
def follow(
    *,
    user,
    topic: str,
    label: str = "",
    filters: dict | None = None,
    channel: str | None = None,
    frequency: str = Frequency.IMMEDIATE,
) -> Subscription:
    """A signed-in user follows a topic: e-mail when the account has an address, else the
    site inbox; immediately unless they choose a digest later in 我的."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("请先登录。"))
    check_followable(topic)
    channel = channel or (Channel.EMAIL if user.email else Channel.INBOX)
    if channel not in USER_CHANNELS:
        raise ValidationError(_("请选择站内消息或电子邮件。"))
    now = clock.now()
    sub, created = Subscription.objects.update_or_create(
        user=user,
        topic=topic,
        channel=channel,
        defaults={"enabled": True, "confirmed": True, "unsubscribed_at": None},
        create_defaults={
            "enabled": True,
            "confirmed": True,
            "confirmed_at": now,
            "unsubscribe_token": _new_token(),
            "created_at": now,
            "label": label[:200],
            "filters": filters or {},
            "frequency": Frequency(frequency),
        },
    )
    record_event(action="notify.follow", actor=user, obj=sub, data={"topic": topic})
    return sub


@transaction.atomic
def unfollow(*, user, topic: str) -> int:
    subs = Subscription.objects.filter(user=user, topic=topic, enabled=True)
    ids = list(subs.values_list("pk", flat=True))
    subs.update(enabled=False, unsubscribed_at=clock.now())
    if ids:
        record_event(action="notify.unfollow", actor=user, obj=user, data={"topic": topic})
    return len(ids)


def is_following(user, topic: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Subscription.objects.filter(user=user, topic=topic, enabled=True).exists()


@transaction.atomic
def change_subscription(
    *,
    user,
    subscription: Subscription,
    frequency: str,
    channel: str,
    digest_hour: int,
    digest_weekday: int = 0,
    enabled: bool = True,
) -> Subscription:
    """A user changes one of their subscriptions in 我的 (how, when, on or off)."""
    if subscription.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("这不是您的订阅。"))
    errors = {}
    if frequency not in Frequency.values:
        errors["frequency"] = _("请选择接收频率。")
    if channel not in USER_CHANNELS:
        errors["channel"] = _("请选择站内消息或电子邮件。")
    elif channel == Channel.EMAIL and not user.email:
        errors["channel"] = _("您的账号没有电子邮箱，请先在账号设置中填写。")
    elif (
        channel != subscription.channel
        and Subscription.objects.filter(user=user, topic=subscription.topic, channel=channel)
        .exclude(pk=subscription.pk)
        .exists()
    ):
        errors["channel"] = _("您已经通过该渠道订阅了这一内容。")
    if not (0 <= digest_hour <= 23):
        errors["digest_hour"] = _("发送时间应在0到23点之间。")
    if not (0 <= digest_weekday <= 6):
        errors["digest_weekday"] = _("请选择星期。")
    if errors:
        raise ValidationError(errors)
    was_enabled = subscription.enabled
    subscription.frequency, subscription.channel = frequency, channel
    subscription.digest_hour, subscription.digest_weekday = digest_hour, digest_weekday
    subscription.enabled = enabled
    if was_enabled and not enabled:
        subscription.unsubscribed_at = clock.now()
    elif enabled:
        subscription.unsubscribed_at = None
    subscription.save()
    record_event(
        action="notify.subscription_change",
        actor=user,
        obj=subscription,
        data={"frequency": frequency, "channel": channel, "enabled": enabled},
    )
    return subscription


def check_webhook_url(url: str) -> str:
    from django.conf import settings

    allow = getattr(settings, "NOTIFY_WEBHOOK_ALLOW_PRIVATE", False)
    reason = netguard.refused_reason(url, allow_private=allow)
    if reason == netguard.SCHEME:
        raise ValidationError({"url": _("回调地址必须以 http:// 或 https:// 开头。")})
    if reason == netguard.UNRESOLVABLE:
        raise ValidationError({"url": _("无法解析回调地址的主机名。")})
    if reason == netguard.PRIVATE:
        raise ValidationError({"url": _("回调地址不能是内网或本机地址。")})
    return url


@transaction.atomic
def subscribe_webhook(*, actor, topic: str, url: str, label: str = "") -> Subscription:
    """Another system (a city's 12345 hotline, a newsroom) gets `topic` as signed JSON POSTs
    to `url`; registered by an operator, owned by the operator's account. The secret for the
    signature is generated here and shown once on the page."""
    require(actor, "notify.manage")
    check_followable(topic)
    check_webhook_url(url)
    now = clock.now()
    sub, _created = Subscription.objects.update_or_create(
        user=actor,
        topic=topic,
        channel=Channel.WEBHOOK,
        defaults={"webhook_url": url, "enabled": True, "label": label[:200]},
        create_defaults={
            "webhook_url": url,
            "webhook_secret": _new_token(),
            "enabled": True,
            "confirmed": True,
            "confirmed_at": now,
            "unsubscribe_token": _new_token(),
            "created_at": now,
            "label": label[:200],
        },
    )
    record_event(action="notify.webhook", actor=actor, obj=sub, data={"topic": topic, "url": url})
    return sub


@transaction.atomic
def replay_delivery(*, actor, delivery: Delivery) -> Delivery:
    """Send a dead letter (FAILED) again: a fresh round of attempts, same idempotency key
    (a receiver that did get it drops the repeat)."""
    require(actor, "notify.manage")
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != Delivery.Status.FAILED:
        raise ValidationError(_("只有发送失败的投递可以重发。"))
    delivery.status, delivery.attempts, delivery.send_after = Delivery.Status.QUEUED, 0, None
    delivery.save(update_fields=["status", "attempts", "send_after"])
    record_event(action="notify.replay", actor=actor, obj=delivery, data={"id": delivery.pk})
    pk = delivery.pk

    def enqueue():
        from .tasks import send_batch

        send_batch.enqueue([pk])

    transaction.on_commit(enqueue)
    return delivery
