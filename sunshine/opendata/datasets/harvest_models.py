"""Harvesting (采集) another catalog into an agency's 数据资源目录: a `HarvestSource` (a CKAN
Action API or a DCAT file, by URL or uploaded), each run of it (`HarvestRun`, with its report)
and, per harvested entry, the link between the remote dataset and ours (`HarvestRecord`: the
remote identifier, its page, the hash of what was last imported). Imported from models.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .harvest_choices import HarvestKind, HarvestSchedule, ResourceMode, RunState


class HarvestSource(models.Model):
    Kind = HarvestKind
    Schedule = HarvestSchedule
    Mode = ResourceMode

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("目标机关")
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=8, choices=HarvestKind.choices)
    url = models.URLField(_("地址"), max_length=500, blank=True)
    # An uploaded DCAT file (kernel attachment), instead of a URL.
    attachment = models.ForeignKey(
        "files.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("上传的文件"), max_length=200, blank=True)
    schedule = models.CharField(
        _("定期采集"), max_length=8, choices=HarvestSchedule.choices, default="manual"
    )
    resource_mode = models.CharField(
        _("数据文件"), max_length=8, choices=ResourceMode.choices, default="download"
    )
    publish = models.BooleanField(_("采集后直接发布"), default=True)
    # CKAN only: harvest the packages of this organization only (empty: all).
    organization = models.CharField(_("只采集该组织"), max_length=100, blank=True)
    # Defaults for what the source does not say (the §11 fields a CKAN or DCAT entry lacks).
    topic = models.CharField(_("默认主题"), max_length=20, default="other")
    industry = models.CharField(_("默认行业"), max_length=2, default="S")
    license_id = models.CharField(_("默认许可"), max_length=20, default="CC-BY-4.0")
    active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"))
    last_run_at = models.DateTimeField(_("最近采集"), null=True, blank=True)

    class Meta:
        verbose_name = _("采集来源")
        verbose_name_plural = _("采集来源")
        ordering = ["agency_id", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class HarvestRun(models.Model):
    State = RunState

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="runs")
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("状态"), max_length=8, choices=RunState.choices, default="queued", db_index=True
    )
    trigger = models.CharField(
        _("方式"), max_length=10, default="manual"
    )  # manual|schedule|command
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    job = models.ForeignKey(
        "files.FileJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("发起时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变化"), default=0)
    withdrawn = models.PositiveIntegerField(_("来源已删除"), default=0)
    failed = models.PositiveIntegerField(_("失败"), default=0)
    # {"items": [{"id", "title", "outcome", "reason", "dataset"}], ...}
    report = models.JSONField(_("采集报告"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("采集记录")
        verbose_name_plural = _("采集记录")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.state in (RunState.DONE, RunState.FAILED)


class HarvestRecord(models.Model):
    """One remote dataset of a source and the entry it became."""

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    dataset = models.OneToOneField(
        "datasets.Dataset", on_delete=models.CASCADE, related_name="harvest"
    )
    remote_id = models.CharField(_("来源标识"), max_length=500)
    remote_name = models.CharField(_("来源名称"), max_length=200, blank=True)
    remote_url = models.URLField(_("来源页面"), max_length=500, blank=True)
    content_hash = models.CharField(max_length=64)
    harvested_at = models.DateTimeField(_("采集时间"))
    gone_at = models.DateTimeField(_("来源删除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("采集的数据资源")
        verbose_name_plural = _("采集的数据资源")
        constraints = [
            models.UniqueConstraint(fields=["source", "remote_id"], name="harvest_record_once")
        ]
