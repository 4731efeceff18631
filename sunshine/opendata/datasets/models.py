"""数据开放: the 政府数据资源目录 of each agency. One `Dataset` is one catalog entry (数据资源)
with the rules.md §11 fields; the open ones carry `Resource`s (files kept by the kernel's
attachments, or an API link) whose rows are loaded into `ResourceRow` for the datastore API.
`DatasetField` is the schema (字段说明), `DatasetVersion` a snapshot at each publication.
有条件开放 data is used through an `AccessApplication` reviewed on a clock and, once approved, an
`AccessGrant` with its terms, expiry and API key (only the key's hash is kept). Each agency's
catalog is reviewed yearly (`CatalogReview`, on a clock)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    NAME_MAX,
    TITLE_MAX,
    ApplicationStatus,
    DatasetState,
    FieldType,
    Frequency,
    Industry,
    License,
    OpenClass,
    ResourceFormat,
    ReviewState,
    Topic,
)


class Dataset(models.Model):
    """数据资源 (a catalog entry; a CKAN package; a dcat:Dataset)."""

    OpenClass = OpenClass
    State = DatasetState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.SlugField(_("标识名"), max_length=NAME_MAX, unique=True)
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="datasets", verbose_name=_("提供方")
    )
    title = models.CharField(_("名称"), max_length=TITLE_MAX)
    notes = models.TextField(_("摘要"))
    topic = models.CharField(_("主题分类"), max_length=20, choices=Topic.choices)
    industry = models.CharField(_("行业分类"), max_length=2, choices=Industry.choices)
    open_class = models.CharField(
        _("开放属性"), max_length=16, choices=OpenClass.choices, db_index=True
    )
    open_conditions = models.TextField(_("开放条件"), blank=True)
    closed_reason = models.TextField(_("不予开放理由"), blank=True)
    closed_basis = models.CharField(_("不予开放依据"), max_length=300, blank=True)
    update_frequency = models.CharField(_("更新频率"), max_length=16, choices=Frequency.choices)
    license_id = models.CharField(_("许可"), max_length=20, choices=License.choices)
    tags = models.JSONField(_("关键词"), default=list, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=60, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    spatial = models.CharField(_("空间范围"), max_length=100, blank=True)
    state = models.CharField(
        _("状态"), max_length=16, choices=DatasetState.choices, default=DatasetState.DRAFT
    )
    version = models.PositiveIntegerField(_("版本"), default=0)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    data_updated_at = models.DateTimeField(_("更新时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    modified_at = models.DateTimeField(_("元数据修改时间"), db_index=True)
    reviewed_at = models.DateTimeField(_("最近审核时间"), null=True, blank=True)
    download_count = models.PositiveIntegerField(_("下载次数"), default=0)
    quality_score = models.PositiveSmallIntegerField(_("质量评分"), default=0)
    # A generated dataset: the key of its source (sources.py); its files are rebuilt from it.
    source = models.CharField(_("数据来源"), max_length=40, blank=True, default="")
    # Every format of its resources, e.g. "CSV XLSX" (search facets without a join).
    formats = models.CharField(max_length=100, blank=True, default="")
    # Title, summary, tags, agency and field names, lower-cased: the text `q` searches.
    search_text = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("数据资源")
        verbose_name_plural = _("数据资源")
        ordering = ["-modified_at", "pk"]
        indexes = [
            models.Index(fields=["state", "-modified_at"], name="dataset_state_modified"),
            models.Index(fields=["state", "agency"], name="dataset_state_agency"),
            models.Index(fields=["state", "topic"], name="dataset_state_topic"),
            # package_search's sort=name / title: an index walk, also for a deep `start`.
            models.Index(fields=["state", "name"], name="dataset_state_name"),
            models.Index(fields=["state", "title"], name="dataset_state_title"),
        ]

    def __str__(self) -> str:
        return self.title


class DatasetTag(models.Model):
    """One keyword of a published dataset (tag facets and `tags:` filters in one indexed query)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="tag_rows")
    name = models.CharField(max_length=100, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dataset", "name"], name="dataset_tag_once")]


class DatasetField(models.Model):
    """字段说明: one column of the dataset's tables."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="fields")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("字段名"), max_length=64)
    title = models.CharField(_("中文名称"), max_length=100, blank=True)
    type = models.CharField(_("类型"), max_length=10, choices=FieldType.choices)
    unit = models.CharField(_("单位"), max_length=30, blank=True)
    description = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["dataset_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "name"], name="dataset_field_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    """A file or API of a dataset (a CKAN resource; a dcat:Distribution)."""

    Format = ResourceFormat

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("名称"), max_length=TITLE_MAX)
    description = models.TextField(_("说明"), blank=True)
    format = models.CharField(_("格式"), max_length=8, choices=ResourceFormat.choices)
    # The stored file (kernel attachment); empty for an API link.
    attachment = models.ForeignKey(
        "files.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    url = models.URLField(_("接口地址"), max_length=500, blank=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    datastore_active = models.BooleanField(default=False)
    download_count = models.PositiveIntegerField(_("下载次数"), default=0)
    created_at = models.DateTimeField(_("创建时间"))
    modified_at = models.DateTimeField(_("修改时间"))

    class Meta:
        verbose_name = _("数据文件")
        verbose_name_plural = _("数据文件")
        ordering = ["dataset_id", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class ResourceRow(models.Model):
    """One row of a tabular resource (the datastore): values by field name, and the row's
    text lower-cased for `q`. Paging reads a range of `rownum` on the (resource, rownum) key."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="rows")
    rownum = models.PositiveIntegerField()
    data = models.JSONField()
    text = models.TextField(default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "rownum"], name="resource_row_once")
        ]


class ResourceCell(models.Model):
    """The datastore's index (one entry per row and field, and per word of the row): a row's
    value of `field` as canonical text (`datastore_index.cell_value`), or with `field` ""
    one word of the row for `q`. The key (resource, field, value, rownum) is the only index:
    a filter is one range of it, already in rownum order, and a count is an index-only count.
    Written in bulk with the rows (`datastore.load_rows`), never row by row."""

    pk = models.CompositePrimaryKey("resource", "field", "value", "rownum")
    # No separate index on resource (the key starts with it) and no FOREIGN KEY check per
    # entry on load (millions of entries); rows go with their resource through Django's
    # cascade, and `load_rows` replaces them.
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    field = models.CharField(max_length=100)
    value = models.CharField(max_length=200)
    rownum = models.PositiveIntegerField()


class ResourceBitmap(models.Model):
    """The rows holding a frequent value (one in 32 rows or more) as a bitmap: bit n (little
    end first) is row n. Several filters on frequent values are intersected as bitmaps
    (an AND of two 125 kB integers for a million rows) instead of reading tens of thousands
    of index entries each; `count` is the value's number of rows."""

    pk = models.CompositePrimaryKey("resource", "field", "value")
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    field = models.CharField(max_length=100)
    value = models.CharField(max_length=200)
    count = models.PositiveIntegerField()
    bits = models.BinaryField()


class DatasetVersion(models.Model):
    """A published version: the metadata and the resources' hashes as they were published."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    note = models.CharField(_("版本说明"), max_length=300, blank=True)
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("发布时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["dataset_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="dataset_version_once")
        ]


class AccessApplication(models.Model):
    """有条件开放 data: an application to use a dataset (purpose, use, security measures),
    reviewed by the providing agency on the clock "opendata.access_review"."""

    Status = ApplicationStatus

    dataset = models.ForeignKey(
        Dataset, on_delete=models.PROTECT, related_name="applications", verbose_name=_("数据资源")
    )
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_applications"
    )
    organization = models.CharField(_("申请单位"), max_length=200, blank=True)
    purpose = models.TextField(_("申请用途"))
    use_scenario = models.TextField(_("使用场景"))
    security_measures = models.TextField(_("安全保障措施"))
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("申请时间"))
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("有条件开放申请")
        verbose_name_plural = _("有条件开放申请")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dataset} · {self.owner}"


class AccessGrant(models.Model):
    """The use granted on an approved application: terms, expiry and an API key. The grantee
    draws the key (again, to replace it) and sees it once; only its SHA-256 is kept, found by
    its first characters (`key_prefix`). Staff never see it."""

    application = models.OneToOneField(
        AccessApplication, on_delete=models.PROTECT, related_name="grant"
    )
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="grants")
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_grants"
    )
    terms = models.TextField(_("使用条件"))
    granted_at = models.DateTimeField(_("授权时间"))
    expires_on = models.DateField(_("有效期至"))
    key_prefix = models.CharField(max_length=12, unique=True, null=True, blank=True)
    key_hash = models.CharField(max_length=64, blank=True)
    key_issued_at = models.DateTimeField(_("密钥生成时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(_("撤销理由"), max_length=300, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    use_count = models.PositiveIntegerField(_("使用次数"), default=0)

    class Meta:
        verbose_name = _("数据使用授权")
        verbose_name_plural = _("数据使用授权")
        ordering = ["-granted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dataset} · {self.owner}"


class CatalogReview(models.Model):
    """The yearly review of an agency's 数据资源目录, on the clock "opendata.catalog_review"."""

    State = ReviewState

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.OPEN)
    opened_at = models.DateTimeField(_("开始时间"))
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("审核说明"), blank=True)

    class Meta:
        verbose_name = _("数据资源目录年度审核")
        verbose_name_plural = _("数据资源目录年度审核")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="opendata_review_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


from .harvest_models import HarvestRecord, HarvestRun, HarvestSource  # noqa: E402, F401
