from django.db import models
from django.utils.translation import gettext_lazy as _

from .codes import validate_credit_code, validate_region_code


class Region(models.Model):
    """行政区划: a division with its 6-digit code (GB/T 2260)."""

    code = models.CharField(
        _("行政区划代码"), max_length=6, unique=True, validators=[validate_region_code]
    )
    name = models.CharField(_("名称"), max_length=60)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")

    def __str__(self):
        return f"{self.name}（{self.code}）"


class Agency(models.Model):
    """机关 / 单位: a node in the agency tree (province → departments and cities → counties →
    departments). `path` holds the ids from the root ("/1/4/9/") so a subtree is one prefix
    query."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("人民政府")
        OFFICE = "office", _("办公厅（室）")
        DEPARTMENT = "department", _("工作部门")
        OTHER = "other", _("其他机构")

    name = models.CharField(_("机关名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级机关"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("行政区划")
    )
    doc_prefix = models.CharField(_("机关代字"), max_length=20, blank=True)
    org_code = models.CharField(_("机构代码"), max_length=40, unique=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    sort = models.PositiveIntegerField(_("排序"), default=100)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("机关")
        verbose_name_plural = _("机关")

    def __str__(self):
        return self.name

    @property
    def agency(self):
        # An agency is governed by itself in permission checks (can(user, action, agency)).
        return self

    def is_within(self, other: "Agency") -> bool:
        return self.path.startswith(other.path)

    def ancestors_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p]
