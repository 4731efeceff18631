"""The fixed lists of 网站自查; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("检查中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Trigger(models.TextChoices):
    SCHEDULED = "scheduled", _("每月定时")
    MANUAL = "manual", _("手动发起")


class Severity(models.TextChoices):
    """单项否决 items first, then those that cost points, then notices."""

    VETO = "veto", _("单项否决")
    DEDUCT = "deduct", _("扣分")
    NOTICE = "notice", _("提示")


SEVERITY_ORDER = {Severity.VETO: 0, Severity.DEDUCT: 1, Severity.NOTICE: 2}


class Check(models.TextChoices):
    """What a finding is about (the 国办 checklist's indicators, docs/sitecheck.md)."""

    AVAILABILITY = "availability", _("站点可用性")
    PAGE_FAILED = "page_failed", _("页面无法访问")
    BROKEN_LINK = "broken_link", _("错链断链")
    HOME_STALE = "home_stale", _("首页更新")
    COLUMN_STALE = "column_stale", _("栏目不更新")
    COLUMN_BLANK = "column_blank", _("空白栏目")
    STALE_MANY = "stale_many", _("栏目不更新数量")
    BLANK_MANY = "blank_many", _("空白栏目数量")
    UNANSWERED = "unanswered", _("留言超期未答复")
    METADATA = "metadata", _("页面元数据")
    FOOTER = "footer", _("网站标识")
    ELDER_MODE = "elder_mode", _("适老化与无障碍")
    GUIDE = "guide", _("办事指南要素")
    ERROR_REPORT = "error_report", _("我为政府网站找错")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


# rules.md §10: the page metadata every article page carries.
META_TAGS = (
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnType",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Author",
    "Description",
    "Url",
)
# The footer items (政府网站发展指引): labels looked for in the page's footer.
FOOTER_ITEMS = (
    ("sponsor", _("主办单位")),
    ("id_code", _("网站标识码")),
    ("icp", _("ICP备案号")),
    ("psb", _("公安备案号")),
    ("contact", _("联系方式")),
)
# 办事指南 elements (国务院办公厅 办事指南 standard, the ones a guide page must show).
GUIDE_ELEMENTS = (
    _("设定依据"),
    _("申请条件"),
    _("办理材料"),
    _("办理地点"),
    _("办理机构"),
    _("收费标准"),
    _("办理时间"),
    _("联系电话"),
    _("办理流程"),
)
