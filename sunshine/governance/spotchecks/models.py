"""双随机、一公开 (一单两库一细则): the 随机抽查事项清单 is the agency's 行政检查 items of its
权力清单 (powers); the two libraries are `CheckTarget` (检查对象名录库) and `Inspector`
(执法检查人员名录库), each per agency, imported from XLSX; a `SpotCheckPlan` (抽查计划) draws
targets and inspectors reproducibly (draw.py) and then records and publishes one
`SpotCheckResult` per drawn target."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Outcome, PlanState


class CheckTarget(models.Model):
    """检查对象: a market entity (or other object) in the agency's target library."""

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    code = models.CharField(_("统一社会信用代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=200)
    category = models.CharField(_("类别"), max_length=100, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    # The unit (科室/所/分局) that supervises it day to day: its inspectors do not check it.
    unit = models.CharField(_("所属监管单位"), max_length=100, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象名录库")
        ordering = ["agency_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="spotcheck_target_code")
        ]

    def __str__(self) -> str:
        return self.name


class Inspector(models.Model):
    """执法检查人员: with their 执法证号, unit and declared conflicts (回避: the codes of the
    targets they must not check)."""

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    badge = models.CharField(_("执法证号"), max_length=40)
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("所在单位"), max_length=100, blank=True)
    conflicts = models.JSONField(_("申报回避的检查对象"), default=list, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("执法检查人员")
        verbose_name_plural = _("执法检查人员名录库")
        ordering = ["agency_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "badge"], name="spotcheck_inspector_badge")
        ]

    def __str__(self) -> str:
        return self.name


class SpotCheckPlan(models.Model):
    """抽查计划: one 行政检查 item, a share (ratio, %) or a number of targets, inspectors per
    target, and the number announced before the draw (part of the seed)."""

    State = PlanState

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    title = models.CharField(_("计划名称"), max_length=200)
    # A 行政检查 item of the agency's 权力清单 (same domain group; lazy, no import).
    check_item = models.ForeignKey(
        "powers.PowerItem", on_delete=models.PROTECT, related_name="+", verbose_name=_("抽查事项")
    )
    check_item_name = models.CharField(_("抽查事项名称"), max_length=200)
    ratio = models.DecimalField(
        _("抽查比例（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    count = models.PositiveIntegerField(_("抽查数量"), null=True, blank=True)
    inspectors_per_target = models.PositiveSmallIntegerField(_("每户检查人员数"), default=2)
    announced_number = models.CharField(_("预先公布的数字"), max_length=40)
    state = models.CharField(
        _("状态"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT
    )
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The draw, stored as published (draw.py): the canonical inputs text and what came out.
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    inputs = models.TextField(_("抽取输入（规范 JSON）"), blank=True)
    inputs_digest = models.CharField(_("输入摘要"), max_length=64, blank=True)
    seed_hex = models.CharField(_("随机种子"), max_length=64, blank=True)
    python_version = models.CharField(max_length=20, blank=True)
    assignments = models.JSONField(_("抽取结果"), default=list, blank=True)
    published_at = models.DateTimeField(_("结果公示时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class SpotCheckResult(models.Model):
    """检查结果 of one drawn target (entered by the inspectors' agency, public once the plan's
    results are published)."""

    plan = models.ForeignKey(SpotCheckPlan, on_delete=models.CASCADE, related_name="results")
    target = models.ForeignKey(CheckTarget, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("检查结果"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("处理情况"), blank=True)
    checked_on = models.DateField(_("检查日期"))
    entered_at = models.DateTimeField(_("录入时间"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("检查结果")
        verbose_name_plural = _("检查结果")
        ordering = ["plan_id", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "target"], name="spotcheck_result_per_target")
        ]

    @property
    def agency(self):
        return self.plan.agency
