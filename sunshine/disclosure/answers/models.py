"""公开答复库: replies to 依申请公开 requests published, with the applicant's consent and without
personal data, so that the next person asking for the same information finds it (`PublicAnswer`);
and the 条例 Art. 44 proposals to disclose proactively what several applicants asked for
(`ProactiveProposal`). Written only by services.py.

A withdrawn answer keeps its row (who, when, why) and leaves the portal, the feed, the search
index and the API."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.foi.choices import Outcome, outcome_full_label


class PublicAnswerQuerySet(models.QuerySet):
    def public(self):
        return self.filter(withdrawn_at__isnull=True)


class PublicAnswer(models.Model):
    """公开答复: the masked question and answer of one request, and the files released to the
    applicant (the released, redacted copies)."""

    request = models.OneToOneField(
        "foi.InfoRequest",
        on_delete=models.PROTECT,
        related_name="public_answer",
        verbose_name=_("依申请公开申请"),
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("答复机关")
    )
    title = models.CharField(_("标题"), max_length=200)
    question = models.TextField(_("申请内容（已去除个人信息）"))
    answer = models.TextField(_("答复内容（已去除个人信息）"))
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices)
    replied_on = models.DateField(_("答复日期"))
    # jieba words of the title and the masked question (matching new applications against it).
    tokens = models.TextField(_("分词"), blank=True, editable=False)
    files = models.ManyToManyField(
        "foi_releases.ReleasedFile",
        through="PublicAnswerFile",
        related_name="+",
        verbose_name=_("公开的文件"),
    )
    published_at = models.DateTimeField(_("公开时间"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("公开人"),
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True, db_index=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("撤回人"),
    )
    withdrawal_reason = models.CharField(_("撤回理由"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PublicAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["agency", "withdrawn_at", "published_at"])]
        verbose_name = _("公开答复")
        verbose_name_plural = _("公开答复")

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.withdrawn_at is None

    @property
    def outcome_label(self) -> str:
        return outcome_full_label(self.outcome) if self.outcome else ""


class PublicAnswerFile(models.Model):
    """A released file shown with the answer. The SHA-256 is the released copy's at publication:
    the portal serves the file only while the released copy is still that one."""

    answer = models.ForeignKey(PublicAnswer, on_delete=models.CASCADE, related_name="answer_files")
    released_file = models.ForeignKey(
        "foi_releases.ReleasedFile", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("名称"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["answer", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "released_file"], name="foi_answer_file_once")
        ]
        verbose_name = _("公开的文件")
        verbose_name_plural = _("公开的文件")

    def __str__(self):
        return self.title


class RequestTokens(models.Model):
    """The jieba words of a request's description, kept so that the 条例 Art. 44 comparison
    does not segment every description of the agency's year on each page view. Derived data:
    recomputed when the description's digest changes."""

    request = models.OneToOneField(
        "foi.InfoRequest", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    digest = models.CharField(max_length=40)
    tokens = models.TextField(blank=True)

    class Meta:
        verbose_name = _("申请分词")
        verbose_name_plural = _("申请分词")


class ProactiveProposal(models.Model):
    """条例 Art. 44: several applicants asked the same agency for the same information; the
    disclosure office proposes to disclose it proactively. The draft record is created at once
    when the officer may draft records, or later by a drafter of the agency."""

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    title = models.CharField(_("拟主动公开的信息"), max_length=200)
    requests = models.ManyToManyField(
        "foi.InfoRequest", related_name="proactive_proposals", verbose_name=_("相关申请")
    )
    record = models.ForeignKey(
        "records.DisclosureRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("主动公开草稿"),
    )
    created_at = models.DateTimeField(_("提出时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提出人"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("纳入主动公开建议")
        verbose_name_plural = _("纳入主动公开建议")

    def __str__(self):
        return self.title
