"""问责 (accountability cases): a case against an agency, opened from an overdue clock, a 差评
整改 case, a 督办 or a complaint (or another lead), with its steps (立案 → 调查核实 → 处理决定 →
结案), its outcomes (问责方式) and, for a 通报批评, its public notice. Written only by
services.py.

The originating object is referenced generically (content type + id: the governance domain
imports no participation or service-hall model) and snapshotted (`source_title`,
`source_url`), so the case stays readable if the source changes or goes."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import TITLE_MAX, CaseState, Outcome, SourceKind, StepKind
from .workflow import CASE_WORKFLOW

USER = settings.AUTH_USER_MODEL


class AccountabilityCase(models.Model):
    """问责案件."""

    State = CaseState
    workflow = CASE_WORKFLOW

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("问责对象单位")
    )
    title = models.CharField(_("问责事项"), max_length=TITLE_MAX)
    facts = models.TextField(_("问题线索"))  # the 立案 text
    responsible_persons = models.TextField(_("责任人员"), blank=True)
    source_kind = models.CharField(_("线索来源"), max_length=20, choices=SourceKind.choices)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_title = models.CharField(_("来源事项"), max_length=300, blank=True)
    source_url = models.CharField(_("来源链接"), max_length=500, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=CaseState.choices, default=CaseState.FILED
    )
    decision_text = models.TextField(_("处理决定"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    # 问责结果通报 (only closed cases with 通报批评; the text is masked when published).
    is_published = models.BooleanField(_("已公开通报"), default=False)
    public_summary = models.TextField(_("通报内容"), blank=True)
    published_at = models.DateTimeField(_("通报时间"), null=True, blank=True)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("立案时间"), db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["agency", "opened_at"]),
            models.Index(fields=["is_published", "published_at"]),
        ]
        verbose_name = _("问责案件")
        verbose_name_plural = _("问责案件")

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("workbench:accountability_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state != CaseState.CLOSED


class CaseOutcome(models.Model):
    """One 问责方式 of a case's 处理决定 (a case may have several)."""

    case = models.ForeignKey(AccountabilityCase, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("问责方式"), max_length=24, choices=Outcome.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="accountability_outcome_once")
        ]
        indexes = [models.Index(fields=["kind", "case"])]
        verbose_name = _("问责方式")
        verbose_name_plural = _("问责方式")

    def __str__(self):
        return self.get_kind_display()


class CaseStep(models.Model):
    """One recorded step: who, when, what (kept; the audit log has the same event)."""

    case = models.ForeignKey(AccountabilityCase, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("环节"), max_length=16, choices=StepKind.choices)
    text = models.TextField(_("内容"))
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")

    def __str__(self):
        return f"{self.case_id} {self.kind}"
