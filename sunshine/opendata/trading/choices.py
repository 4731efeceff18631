"""The enums and limits of 公共资源交易 that the shells may import (never the models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 300
CODE_MAX = 60
SOURCE_ID_MAX = 100
TEXT_MAX = 20000
COMPLAINT_TEXT_MAX = 5000


class TradeCategory(models.TextChoices):
    """交易类别 (the four kinds the integration of the platforms covers, 国办发〔2015〕63号)."""

    ENGINEERING = "engineering", _("工程建设")
    PROCUREMENT = "procurement", _("政府采购")
    LAND_MINERAL = "land_mineral", _("土地使用权和矿业权出让")
    STATE_PROPERTY = "state_property", _("国有产权交易")


class AnnouncementKind(models.TextChoices):
    """公告类型, in the order a project goes through them."""

    TENDER = "tender", _("招标/采购公告")
    CHANGE = "change", _("变更公告")
    RESULT = "result", _("中标/成交结果公示")
    CONTRACT = "contract", _("合同公开")


# The stage a project is in = the kind of its latest announcement (a change keeps the stage of
# the tender it changes).
STAGE_ORDER = {
    AnnouncementKind.TENDER: 1,
    AnnouncementKind.CHANGE: 1,
    AnnouncementKind.RESULT: 2,
    AnnouncementKind.CONTRACT: 3,
}


class ProjectStage(models.TextChoices):
    TENDERING = "tendering", _("招标/采购中")
    RESULT = "result", _("结果公示")
    CONTRACTED = "contracted", _("已签订合同")


STAGE_OF_KIND = {
    AnnouncementKind.TENDER: ProjectStage.TENDERING,
    AnnouncementKind.CHANGE: ProjectStage.TENDERING,
    AnnouncementKind.RESULT: ProjectStage.RESULT,
    AnnouncementKind.CONTRACT: ProjectStage.CONTRACTED,
}


class ComplaintState(models.TextChoices):
    """投诉: 收到 → 受理 (or 不予受理) → 处理决定; the complainant may withdraw before it."""

    RECEIVED = "received", _("待审查")
    ACCEPTED = "accepted", _("已受理")
    REJECTED = "rejected", _("不予受理")
    DECIDED = "decided", _("已作出处理决定")
    WITHDRAWN = "withdrawn", _("已撤回")


class ComplaintOutcome(models.TextChoices):
    """处理决定 (政府采购质疑和投诉办法, 财政部令第94号: 驳回投诉 Art. 29, 投诉事项成立 /
    不成立 Arts. 31 (采购文件) and 32 (采购过程、结果) — the article numbers are from memory
    of the 办法 and were NOT confirmed by the search (corpus "pages", 2026-12-07: no copy of
    Arts. 29–32 found; the 30-wd rule of Art. 26 was). The lead should check them.)"""

    UPHELD = "upheld", _("投诉事项成立")
    UNFOUNDED = "unfounded", _("投诉事项不成立")
    DISMISSED = "dismissed", _("驳回投诉")


class BlacklistState(models.TextChoices):
    DRAFT = "draft", _("待公布")
    PUBLISHED = "published", _("已公布")
    REVOKED = "revoked", _("已撤销")


class FeedFormat(models.TextChoices):
    JSON = "json", "JSON"
    CSV = "csv", "CSV"


class RowResult(models.TextChoices):
    CREATED = "created", _("新增")
    UPDATED = "updated", _("更新")
    UNCHANGED = "unchanged", _("未变")
    FAILED = "failed", _("失败")
