"""交叉互评: the general office's cross-review of agencies' 政务公开 work (政府信息公开条例
(2019) Art. 46: 考核、评议; the 2016 notice: 内部交叉审核, 政务公开纳入绩效考核). A round has its
indicator scheme, assignments (a reviewing agency, optionally one named reviewer, scores one
reviewed agency on a score sheet) and, once published, the stored result per reviewed agency
and indicator, which the assessment (考核) reads."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import COMMENT_MAX, NAME_MAX, TEXT_MAX, RoundState, SheetState
from .workflow import ROUND_WORKFLOW

USER = settings.AUTH_USER_MODEL
SCORE = {"max_digits": 6, "decimal_places": 2}


class ReviewRound(models.Model):
    """一轮交叉互评, organised by `agency` (the government whose general office runs it; the
    reviewed and reviewing agencies are in its subtree)."""

    State = RoundState
    workflow = ROUND_WORKFLOW

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("组织机关")
    )
    year = models.PositiveIntegerField(_("年度"))
    name = models.CharField(_("名称"), max_length=NAME_MAX)
    description = models.TextField(_("说明"), blank=True, max_length=TEXT_MAX)
    state = models.CharField(
        _("状态"), max_length=12, choices=RoundState.choices, default=RoundState.DRAFT
    )
    # Working days the reviewers have for their sheets once the round starts (None: the
    # kernel rule crossreview.submit's length).
    submit_days = models.PositiveSmallIntegerField(_("评分期限（工作日）"), null=True, blank=True)
    # The agencies taking part (each reviews and is reviewed) for the balanced assignment.
    participants = models.ManyToManyField(
        "orgs.Agency", related_name="+", blank=True, verbose_name=_("参评单位")
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assignment_seed = models.CharField(_("分配随机种子"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("开始评审时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "name"], name="crossreview_round_name"
            )
        ]
        verbose_name = _("交叉互评")
        verbose_name_plural = _("交叉互评")

    def __str__(self):
        return self.name


class ReviewIndicator(models.Model):
    """评分指标 of a round: 一级指标 (`group`) and 二级指标 (`name`), its 评分标准, its weight
    (% of the total; a round's weights add up to 100) and the score a reviewer gives out of
    `max_score`. `code` is stable across rounds (copied), so results can be compared."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="indicators")
    group_code = models.CharField(_("一级指标代码"), max_length=40)
    group = models.CharField(_("一级指标"), max_length=NAME_MAX)
    code = models.CharField(_("指标代码"), max_length=60)
    name = models.CharField(_("二级指标"), max_length=NAME_MAX)
    criteria = models.TextField(_("评分标准"), blank=True, max_length=TEXT_MAX)
    weight = models.DecimalField(_("权重（%）"), **SCORE)
    max_score = models.DecimalField(_("满分"), **SCORE)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="crossreview_indicator_code"),
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(max_score__gt=0), name="crossreview_indicator_pos"
            ),
        ]
        verbose_name = _("评分指标")
        verbose_name_plural = _("评分指标")

    def __str__(self):
        return f"{self.group} · {self.name}"


class ReviewAssignment(models.Model):
    """One reviewing agency (and optionally one named reviewer of it) scores one reviewed
    agency: the assignment and its score sheet (评分表). An agency never reviews itself."""

    SheetState = SheetState

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="assignments")
    reviewed_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("被评单位")
    )
    reviewer_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("评审单位")
    )
    reviewer = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("评审人"),
    )
    state = models.CharField(
        _("评分状态"), max_length=12, choices=SheetState.choices, default=SheetState.PENDING
    )
    comment = models.TextField(_("总体评价"), blank=True, max_length=TEXT_MAX)
    saved_at = models.DateTimeField(_("暂存时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The sheet's weighted total (0–100), set on submission.
    total = models.DecimalField(_("加权得分"), null=True, blank=True, **SCORE)
    withdrawn_reason = models.TextField(_("撤销理由"), blank=True)
    # 退回修改: the general office's last reason and time (kept after the sheet is resubmitted;
    # every return is also in the audit trail).
    returned_reason = models.TextField(_("退回理由"), blank=True)
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("分配时间"))

    class Meta:
        ordering = ["reviewed_agency__path", "reviewer_agency__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "reviewed_agency", "reviewer_agency"],
                name="crossreview_assignment_pair",
            ),
            models.CheckConstraint(
                condition=~Q(reviewed_agency=F("reviewer_agency")),
                name="crossreview_no_self_review",
            ),
        ]
        verbose_name = _("评审分配")
        verbose_name_plural = _("评审分配")

    def __str__(self):
        return f"{self.reviewer_agency} → {self.reviewed_agency}"

    @property
    def agency(self):
        """The reviewing agency: its staff score (access policy), its clock."""
        return self.reviewer_agency


class ReviewScore(models.Model):
    """The score of one indicator on one sheet, with the reviewer's comment."""

    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(ReviewIndicator, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("得分"), null=True, blank=True, **SCORE)
    comment = models.TextField(_("评分说明"), blank=True, max_length=COMMENT_MAX)

    class Meta:
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "indicator"], name="crossreview_score_once"
            )
        ]
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")


class ReviewResult(models.Model):
    """The published result of one reviewed agency in a round (stored at publication, so a
    later change cannot move it): the mean of its submitted sheets' weighted totals, and the
    rank among the round's reviewed agencies (1 = best; equal totals share a rank)."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="results")
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("被评单位")
    )
    total = models.DecimalField(_("加权总分"), **SCORE)
    reviewer_count = models.PositiveSmallIntegerField(_("评审单位数"))
    rank = models.PositiveSmallIntegerField(_("排名"))

    class Meta:
        ordering = ["rank", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agency"], name="crossreview_result_once")
        ]
        verbose_name = _("互评结果")
        verbose_name_plural = _("互评结果")

    def __str__(self):
        return f"{self.round} · {self.agency}"


class ReviewIndicatorResult(models.Model):
    """One indicator of a result: the mean score over the agency's reviewers (out of the
    indicator's max) and its weighted points (mean / max × weight)."""

    result = models.ForeignKey(
        ReviewResult, on_delete=models.CASCADE, related_name="indicator_results"
    )
    indicator = models.ForeignKey(ReviewIndicator, on_delete=models.PROTECT, related_name="+")
    average = models.DecimalField(_("平均得分"), **SCORE)
    points = models.DecimalField(_("加权得分"), **SCORE)

    class Meta:
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "indicator"], name="crossreview_indicator_result_once"
            )
        ]
