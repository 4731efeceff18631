"""政务服务事项 (ServiceItem) with its 办事指南 (guide fields), 办理材料 (ServiceMaterial) and
the life-event themes (ServiceTheme) of the online service hall. Written only by services.py."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Audience, ItemState
from .workflow import ITEM_WORKFLOW


class ServiceTheme(models.Model):
    """主题 / 人生事件 (生育收养, 户籍办理, 设立变更 ...) for persons or for enterprises: data rows,
    not code."""

    slug = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("主题名称"), max_length=40)
    audience = models.CharField(_("面向对象"), max_length=12, choices=Audience.choices)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["audience", "position", "id"]
        verbose_name = _("办事主题")
        verbose_name_plural = _("办事主题")

    def __str__(self):
        return self.name


class ServiceItem(models.Model):
    """政务服务事项 and its 办事指南. The guide elements of rules.md §6 (国办秘函〔2019〕19号):
    事项名称 `name`, 设定依据 `basis`, 申请条件 `conditions`, 办理材料 (`materials` rows),
    办理地点 `location`, 办理机构 `handling_unit`, 收费标准 `fee_standard`, 办理时间
    `office_hours`, 联系电话 `phone`, 办理流程 `procedure`; plus 承诺时限 `promised_days` and
    法定时限 `statutory_days` in working days (promised ≤ statutory)."""

    workflow = ITEM_WORKFLOW
    State = ItemState

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("实施机关")
    )
    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    summary = models.CharField(_("事项简介"), max_length=500, blank=True)
    basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("申请条件"), blank=True)
    location = models.TextField(_("办理地点"), blank=True)
    handling_unit = models.CharField(_("办理机构"), max_length=200, blank=True)
    fee_standard = models.TextField(_("收费标准"), blank=True)
    is_free = models.BooleanField(_("不收费"), default=True)
    fee_basis = models.CharField(_("收费依据"), max_length=300, blank=True)
    office_hours = models.CharField(_("办理时间"), max_length=300, blank=True)
    phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    procedure = models.TextField(_("办理流程"), blank=True)
    promised_days = models.PositiveSmallIntegerField(
        _("承诺时限（工作日）"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    statutory_days = models.PositiveSmallIntegerField(
        _("法定时限（工作日）"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    online = models.BooleanField(_("网上办理"), default=True)
    offline = models.BooleanField(_("窗口办理"), default=True)
    for_persons = models.BooleanField(_("面向个人"), default=False)
    for_enterprises = models.BooleanField(_("面向法人"), default=False)
    themes = models.ManyToManyField(
        ServiceTheme, blank=True, related_name="items", verbose_name=_("主题")
    )
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=ItemState.choices,
        default=ItemState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["agency_id", "code"]
        indexes = [models.Index(fields=["state", "agency"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(promised_days__isnull=True)
                | models.Q(statutory_days__isnull=True)
                | models.Q(promised_days__lte=models.F("statutory_days")),
                name="service_item_promised_le_statutory",
            ),
        ]
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")

    def __str__(self):
        return self.name

    @property
    def is_public(self) -> bool:
        return self.state == ItemState.PUBLISHED


class ServiceMaterial(models.Model):
    """办理材料: one document the applicant hands in; its blank form or sample (空白表格 /
    示例样表) is an attachment (kernel/files) of this row."""

    item = models.ForeignKey(
        ServiceItem, on_delete=models.CASCADE, related_name="materials", verbose_name=_("事项")
    )
    name = models.CharField(_("材料名称"), max_length=200)
    required = models.BooleanField(_("必交"), default=True)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    attachments = GenericRelation("files.Attachment")

    class Meta:
        ordering = ["item_id", "position", "id"]
        verbose_name = _("办理材料")
        verbose_name_plural = _("办理材料")

    def __str__(self):
        return self.name

    @property
    def agency(self):
        return self.item.agency
