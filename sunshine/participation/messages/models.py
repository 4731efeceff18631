"""网民留言 (citizen messages) and their replies. Written only by services.py (and
importing.py for historical imports)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import BODY_MAX as BODY_MAX  # re-exported for texts.py and historical.py
from .choices import SUBJECT_MAX
from .workflow import MESSAGE_WORKFLOW, MessageState


class MessageSource(models.TextChoices):
    WEB = "web", _("网站")
    HOTLINE = "hotline", _("热线")
    IMPORT = "import", _("历史导入")


class Message(models.Model):
    """One message of a citizen to an agency (or to "not sure which": `agency` empty until the
    general office dispatches it). `suggested_*` are the classifier's proposal, kept for the
    record even when staff chose otherwise. `public_subject`/`public_body` are the masked text
    shown on the portal once the message is published (`is_published`); the author's text is
    never shown as typed. The reply due time is the open `message.reply` clock's (kernel
    deadlines; `selectors.with_reply_clock` annotates it): the message keeps no copy."""

    workflow = MESSAGE_WORKFLOW
    State = MessageState
    Source = MessageSource

    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承办单位"),
    )
    category = models.CharField(_("留言分类"), max_length=40, blank=True, db_index=True)
    suggested_category = models.CharField(_("建议分类"), max_length=40, blank=True)
    suggested_probability = models.FloatField(_("建议分类置信度"), null=True, blank=True)
    suggested_agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("建议承办单位"),
    )
    subject = models.CharField(_("留言主题"), max_length=SUBJECT_MAX)
    body = models.TextField(_("留言详情"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("留言人"),
    )
    author_label = models.CharField(_("留言用户"), max_length=60, blank=True)
    is_public = models.BooleanField(_("同意公开"), default=True)
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=MessageState.choices,
        default=MessageState.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("留言时间"), db_index=True)
    assigned_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重新办理次数"), default=0)
    votes_up = models.PositiveIntegerField(_("点赞数"), default=0)
    votes_down = models.PositiveIntegerField(_("反对数"), default=0)
    source = models.CharField(
        _("来源"), max_length=10, choices=MessageSource.choices, default=MessageSource.WEB
    )
    external_id = models.CharField(_("外部编号"), max_length=60, blank=True)
    is_published = models.BooleanField(_("已公开"), default=False, db_index=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    public_subject = models.CharField(_("公开主题"), max_length=SUBJECT_MAX, blank=True)
    public_body = models.TextField(_("公开详情"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    attachments = GenericRelation("files.Attachment")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["is_published", "published_at"]),
            # the public list: newest first, optionally by category or agency
            models.Index(fields=["is_published", "submitted_at", "id"]),
            models.Index(fields=["is_published", "category", "submitted_at", "id"]),
            models.Index(fields=["is_published", "agency", "submitted_at", "id"]),
            models.Index(fields=["author", "submitted_at"]),
            models.Index(fields=["state", "submitted_at"]),
            # the statistics summary finds the messages changed since it was built
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="citizen_messages_unique_external_id",
            ),
        ]
        verbose_name = _("网民留言")
        verbose_name_plural = _("网民留言")

    def __str__(self):
        return self.subject

    @property
    def owner_id(self):
        """For access.policy OWNER: the author's account."""
        return self.author_id

    @property
    def is_open(self) -> bool:
        return self.state in (MessageState.SUBMITTED, MessageState.ASSIGNED, MessageState.RETURNED)


class MessageReply(models.Model):
    """答复: one reply of the handling agency. A reopened message gets a new reply; the last
    one is the current answer. `published_body` is the masked text the portal shows."""

    message = models.ForeignKey(
        Message, on_delete=models.PROTECT, related_name="replies", verbose_name=_("留言")
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("答复单位"),
    )  # empty only for imported replies whose agency is not known
    body = models.TextField(_("答复内容"))
    replied_at = models.DateTimeField(_("答复时间"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("答复人"),
    )
    is_published = models.BooleanField(_("已公开"), default=False)
    published_body = models.TextField(_("公开答复内容"), blank=True)

    class Meta:
        ordering = ["replied_at", "id"]
        indexes = [models.Index(fields=["message", "replied_at"])]
        verbose_name = _("留言答复")
        verbose_name_plural = _("留言答复")

    def __str__(self):
        return f"{self.message_id}: {self.body[:30]}"
