"""公共资源交易 supervision disclosure. Written only by services.py / harvest.py.

- `TradingProject` (交易项目) and its `Announcement`s (招标/采购公告, 变更公告, 中标/成交结果公示,
  合同公开), harvested from a trading platform's feed: each keeps the platform's source id and
  version, so a re-import updates and never duplicates (docs/trading.md).
- `FeedSource`: a platform feed pulled over HTTP on its own schedule; `HarvestRun`: the report of
  one import or pull.
- `Complaint` (投诉) by a bidder against a project, decided by the supervising agency (监管部门)
  on its clocks (政府采购质疑和投诉办法: 5 wd to accept, 30 wd to decide).
- `BlacklistEntry` (黑名单/失信记录), public while in force."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    CODE_MAX,
    SOURCE_ID_MAX,
    TITLE_MAX,
    AnnouncementKind,
    BlacklistState,
    ComplaintOutcome,
    ComplaintState,
    FeedFormat,
    ProjectStage,
    TradeCategory,
)

USER = settings.AUTH_USER_MODEL
MONEY = {"max_digits": 16, "decimal_places": 2, "null": True, "blank": True}


class TradingProject(models.Model):
    platform = models.CharField(_("交易平台标识"), max_length=40)
    source_id = models.CharField(_("平台项目ID"), max_length=SOURCE_ID_MAX)
    code = models.CharField(_("项目编号"), max_length=CODE_MAX, db_index=True)
    title = models.CharField(_("项目名称"), max_length=TITLE_MAX)
    category = models.CharField(_("交易类别"), max_length=16, choices=TradeCategory.choices)
    tenderer = models.CharField(_("招标人/采购人"), max_length=200)
    agent = models.CharField(_("代理机构"), max_length=200, blank=True)
    budget = models.DecimalField(_("预算金额（元）"), **MONEY)
    region = models.CharField(_("项目所在地"), max_length=100, blank=True)
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("监管部门")
    )
    stage = models.CharField(
        _("阶段"), max_length=12, choices=ProjectStage.choices, default=ProjectStage.TENDERING
    )
    first_published_on = models.DateField(_("首次公告日期"), db_index=True)
    last_published_on = models.DateField(_("最近公告日期"), db_index=True)
    created_at = models.DateTimeField(_("采集时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("公共资源交易项目")
        verbose_name_plural = _("公共资源交易项目")
        ordering = ["-last_published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "source_id"], name="trading_project_src")
        ]
        indexes = [models.Index(fields=["category", "stage", "last_published_on"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Announcement(models.Model):
    Kind = AnnouncementKind

    project = models.ForeignKey(
        TradingProject, on_delete=models.CASCADE, related_name="announcements"
    )
    platform = models.CharField(_("交易平台标识"), max_length=40)
    source_id = models.CharField(_("平台公告ID"), max_length=SOURCE_ID_MAX)
    version = models.PositiveIntegerField(_("版本"), default=1)
    kind = models.CharField(_("公告类型"), max_length=10, choices=AnnouncementKind.choices)
    title = models.CharField(_("公告标题"), max_length=TITLE_MAX)
    published_on = models.DateField(_("发布日期"), db_index=True)
    body = models.TextField(_("公告内容"), blank=True)
    amount = models.DecimalField(_("中标/成交/合同金额（元）"), **MONEY)
    winner = models.CharField(_("中标人/成交供应商"), max_length=200, blank=True)
    winner_credit_code = models.CharField(_("中标人统一社会信用代码"), max_length=18, blank=True)
    url = models.URLField(_("原文链接"), max_length=500, blank=True)
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("采集时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("交易公告")
        verbose_name_plural = _("交易公告")
        ordering = ["project_id", "published_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "source_id"], name="trading_notice_src")
        ]
        indexes = [models.Index(fields=["kind", "published_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def agency(self):
        return self.project.agency


class FeedSource(models.Model):
    """A trading platform's feed pulled over HTTP on its own schedule (a cron expression read
    by the periodic job `trading.pull_feeds`). Projects it brings must be supervised by
    `agency` or an agency under it."""

    name = models.CharField(_("数据源名称"), max_length=100)
    platform = models.CharField(_("交易平台标识"), max_length=40)
    url = models.URLField(_("数据地址"), max_length=500)
    format = models.CharField(
        _("格式"), max_length=4, choices=FeedFormat.choices, default=FeedFormat.JSON
    )
    cron = models.CharField(_("采集时间（cron）"), max_length=60, default="0 * * * *")
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属机关")
    )
    enabled = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"))
    last_run_at = models.DateTimeField(_("上次采集时间"), null=True, blank=True)
    last_report = models.JSONField(_("上次采集结果"), default=dict, blank=True)
    last_error = models.TextField(_("上次采集错误"), blank=True)

    class Meta:
        verbose_name = _("交易数据源")
        verbose_name_plural = _("交易数据源")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class HarvestRun(models.Model):
    """One import (an upload, a pull, an API call) and its report."""

    origin = models.CharField(_("方式"), max_length=10)  # upload / pull / api
    source = models.ForeignKey(
        FeedSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_job_id = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    report = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("采集记录")
        verbose_name_plural = _("采集记录")
        ordering = ["-started_at", "-pk"]


class Complaint(models.Model):
    State = ComplaintState

    project = models.ForeignKey(TradingProject, on_delete=models.PROTECT, related_name="complaints")
    announcement = models.ForeignKey(
        Announcement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    complainant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    complainant_name = models.CharField(_("投诉人名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    contact = models.CharField(_("联系电话"), max_length=40)
    matters = models.TextField(_("投诉事项"))
    facts = models.TextField(_("事实依据"))
    request_text = models.TextField(_("投诉请求"))
    challenge = models.TextField(_("质疑和质疑答复情况"))
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=ComplaintState.choices,
        default=ComplaintState.RECEIVED,
        db_index=True,
    )
    received_at = models.DateTimeField(_("收到时间"))
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    # 补正 (94号令 Art. 21 (一)): one notice naming what to correct and by when; the review
    # clock is paused from the notice until the corrected material arrives (Art. 27).
    correction_request = models.TextField(_("补正事项"), blank=True)
    correction_due = models.DateField(_("补正期限"), null=True, blank=True)
    correction_requested_at = models.DateTimeField(_("通知补正时间"), null=True, blank=True)
    correction_text = models.TextField(_("补正内容"), blank=True)
    corrected_at = models.DateTimeField(_("补正时间"), null=True, blank=True)
    reject_reason = models.TextField(_("不予受理理由"), blank=True)
    handled_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        _("处理结果"), max_length=10, choices=ComplaintOutcome.choices, blank=True
    )
    decision_text = models.TextField(_("处理决定"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decided_late = models.BooleanField(_("逾期决定"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("交易投诉")
        verbose_name_plural = _("交易投诉")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.complainant_name} / {self.project.code}"

    @property
    def agency(self):
        return self.project.agency


class BlacklistEntry(models.Model):
    State = BlacklistState

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("认定机关")
    )
    entity_name = models.CharField(_("主体名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    reason = models.TextField(_("失信行为"))
    basis = models.TextField(_("认定依据"))
    valid_from = models.DateField(_("公布期限自"))
    valid_to = models.DateField(_("公布期限至"))
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=BlacklistState.choices,
        default=BlacklistState.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoke_reason = models.TextField(_("撤销理由"), blank=True)

    class Meta:
        verbose_name = _("黑名单记录")
        verbose_name_plural = _("黑名单记录")
        ordering = ["-valid_from", "-pk"]
        indexes = [models.Index(fields=["state", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return self.entity_name
