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
    WEBHOOK = "webhook", _("网络回调")


class Frequency(models.TextChoices):
    """When a subscriber hears of a new item: at once, or in one digest a day or a week."""

    IMMEDIATE = "immediate", _("即时")
    DAILY = "daily", _("每日汇总")
    WEEKLY = "weekly", _("每周汇总")


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
    # What the subscriber sees for the topic ("政策文件", a record's title): set by the page
    # the 关注 button was on, never typed by the visitor (it is signed, see follow.py).
    label = models.CharField(_("订阅内容"), max_length=200, blank=True)
    frequency = models.CharField(
        _("频率"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    digest_hour = models.PositiveSmallIntegerField(_("汇总发送时间（时）"), default=8)
    digest_weekday = models.PositiveSmallIntegerField(_("每周汇总星期"), default=0)  # 0 = Monday
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # A saved search (topic `search.<hash>`): {"q": "关键词 …", "column": slug, "agency": id}.
    filters = models.JSONField(_("检索条件"), default=dict, blank=True)
    webhook_url = models.URLField(_("回调地址"), max_length=500, blank=True)
    webhook_secret = models.CharField(max_length=64, blank=True)
    unsubscribed_at = models.DateTimeField(_("退订时间"), null=True, blank=True)

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
    """Sending one message to one address on one channel, and how it went (投递记录).
    `idempotency_key` is unique: one recipient gets one item once on one channel, however
    often the fan-out runs. FAILED rows are the dead-letter list (replayable by staff)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("待发送")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices)
    address = models.CharField(_("地址"), max_length=500)
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
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    item = models.CharField(_("信息"), max_length=200, blank=True, db_index=True)
    html_body = models.TextField(blank=True)
    payload = models.JSONField(null=True, blank=True)  # the webhook's JSON body
    # Quiet hours: an immediate e-mail raised at night waits until this time.
    send_after = models.DateTimeField(_("暂缓至"), null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)  # when a worker took it
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("投递记录")
        verbose_name_plural = _("投递记录")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.channel} → {self.address}: {self.subject}"


class Publication(models.Model):
    """A new item some module published (发布): the outbox the fan-out reads. `item` names the
    thing (`record.12`), `version` a new revision of it; (item, version) is published once."""

    item = models.CharField(_("信息"), max_length=160)
    version = models.CharField(_("版本"), max_length=40, blank=True)
    topics = models.JSONField(_("主题"), default=list)
    title = models.CharField(_("标题"), max_length=300)
    summary = models.TextField(_("摘要"), blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True)
    facets = models.JSONField(default=dict, blank=True)  # what a saved search filters on
    created_at = models.DateTimeField(_("发布时间"))
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("推送信息")
        verbose_name_plural = _("推送信息")
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="notify_publication_once")
        ]

    def __str__(self):
        return self.title

    @property
    def key(self) -> str:
        return f"{self.item}@{self.version}" if self.version else self.item


class DigestEntry(models.Model):
    """A publication waiting for a subscriber's daily or weekly digest (汇总)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="digest_entries"
    )
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "publication"], name="notify_digest_entry_once"
            )
        ]
        indexes = [models.Index(fields=["subscription", "delivery"], name="notify_digest_pending")]


class MailAddress(models.Model):
    """What the mail system told us about an address: hard bounces (RFC 3464 reports with a
    5.x.x status); after NOTIFY_HARD_BOUNCE_LIMIT of them nothing more is sent to it."""

    address = models.CharField(_("地址"), max_length=254, unique=True)
    hard_bounces = models.PositiveSmallIntegerField(_("硬退信次数"), default=0)
    last_status = models.CharField(_("最近状态码"), max_length=20, blank=True)
    last_bounce_at = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("邮箱状态")
        verbose_name_plural = _("邮箱状态")

    def __str__(self):
        return self.address
