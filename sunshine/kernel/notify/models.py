"""Notifications (通知): events → subscriptions → channels. A `Notification` is one message
in a user's site inbox (站内消息); a `Subscription` says who wants which events or topics on
which channel (a user, or an anonymous e-mail address after double opt-in); a `Delivery` is
the log of sending one message to one address on one channel (attempts, errors)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INBOX = "inbox", _("站内消息")
    EMAIL = "email", _("电子邮件")


class Notification(models.Model):
    """One message in a user's site inbox, optionally about an object (a clock, a request)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("接收人"),
    )
    event = models.CharField(_("事件"), max_length=120)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    obj = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("时间"), db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notify_inbox_unread")]

    def __str__(self):
        return self.subject

    @property
    def owner_id(self):
        """The access policy's OWNER rule (notification.read) looks at `owner_id`."""
        return self.recipient_id

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Subscription(models.Model):
    """Who wants an event or topic on a channel. `topic` is an event name
    (`clock.overdue`), a prefix pattern (`clock.*`) or `*`; the most specific row of a
    subscriber decides, so `enabled=False` on `clock.due_soon` opts out of one event of a
    `clock.*` default. Anonymous subscribers (an e-mail address, no account) must confirm
    (double opt-in) before anything is sent to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("用户"),
    )
    email = models.EmailField(_("电子邮箱"), blank=True)
    topic = models.CharField(_("订阅主题"), max_length=120)
    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices)
    enabled = models.BooleanField(_("接收"), default=True)
    confirmed = models.BooleanField(_("已确认"), default=False)
    confirm_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("订阅时间"))

    class Meta:
        verbose_name = _("订阅")
        verbose_name_plural = _("订阅")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(email=""))
                | (Q(user__isnull=True) & ~Q(email="")),
                name="notify_subscription_user_xor_email",
            ),
            models.UniqueConstraint(
                fields=["user", "topic", "channel"],
                condition=Q(user__isnull=False),
                name="notify_subscription_uniq_user",
            ),
            models.UniqueConstraint(
                fields=["email", "topic", "channel"],
                condition=Q(user__isnull=True),
                name="notify_subscription_uniq_email",
            ),
        ]
        indexes = [models.Index(fields=["topic", "channel"], name="notify_sub_topic")]

    def __str__(self):
        return f"{self.user_id or self.email} · {self.topic} · {self.channel}"

    @property
    def address(self) -> str:
        return self.user.email if self.user_id else self.email


class Delivery(models.Model):
    """Sending one message to one address on one channel, and how it went (投递记录)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices)
    address = models.CharField(_("地址"), max_length=254)
    event = models.CharField(_("事件或主题"), max_length=120)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("投递记录")
        verbose_name_plural = _("投递记录")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.channel} → {self.address}: {self.subject}"
