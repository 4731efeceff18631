"""The fixed lists of 交叉互评; shells import these, never `models`."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEWING = "reviewing", _("评审中")
    PUBLISHED = "published", _("已发布")


class SheetState(models.TextChoices):
    """One assignment's score sheet (评分表)."""

    PENDING = "pending", _("待评分")
    DRAFT = "draft", _("已暂存")
    SUBMITTED = "submitted", _("已提交")
    WITHDRAWN = "withdrawn", _("已撤销")  # the general office took the assignment back


OPEN_SHEET_STATES = (SheetState.PENDING, SheetState.DRAFT)

NAME_MAX = 100
TEXT_MAX = 2000
COMMENT_MAX = 1000
# Scores and weights: two decimal places; a weight is a share of 100 (%).
WEIGHT_TOTAL = Decimal("100")
SCORE_MAX_LIMIT = Decimal("100")
# A round's default time for the score sheets, in working days (the kernel rule's length unless
# settings.DEADLINE_RULES says otherwise; each round may set its own).
SUBMIT_DAYS_MAX = 60


# The default indicator scheme for 政务公开 work (一级指标 group, 二级指标, 评分标准, weight %,
# max score), used for an organiser's first round; later rounds copy the previous one.
# Groups follow the duties of 政府信息公开条例 (2019) chapters 三–五 and the 国办 yearly
# 政务公开工作要点: 主动公开 (Arts. 19–26), 依申请公开 (Arts. 27–45), 政策解读与回应关切,
# 平台建设 (Art. 23–24: websites, gazette, 公开专栏), 监督保障 (Arts. 46–50).
DEFAULT_SCHEME = (
    # (group code, group, indicator code, indicator, criteria, weight, max score)
    ("proactive", _("主动公开"), "proactive.catalog", _("基本目录与法定公开内容"),
     _("主动公开基本目录编制并及时更新；条例第二十条规定的内容完整、准确，20个工作日内公开。"),
     "12", "10"),
    ("proactive", _("主动公开"), "proactive.key_areas", _("重点领域信息公开"),
     _("财政预决算、重大建设项目、公共资源配置、社会公益事业等重点领域信息公开到位。"),
     "10", "10"),
    ("proactive", _("主动公开"), "proactive.policies", _("政策文件公开"),
     _("政策文件索引号、文号、有效性标注规范；行政规范性文件集中统一公开。"),
     "8", "10"),
    ("on_request", _("依申请公开"), "on_request.channels", _("申请渠道与受理"),
     _("在线、信函、当面渠道畅通；补正告知一次性、规范。"),
     "6", "10"),
    ("on_request", _("依申请公开"), "on_request.timeliness", _("答复时限"),
     _("按条例第三十三条在20个工作日内答复，延期经批准并告知。"),
     "8", "10"),
    ("on_request", _("依申请公开"), "on_request.replies", _("答复规范"),
     _("告知书要素完整、理由和法律依据准确、救济途径告知清楚。"),
     "6", "10"),
    ("interpretation", _("政策解读与回应关切"), "interpretation.policies", _("政策解读"),
     _("谁起草、谁解读；解读材料与政策文件同步发布，形式多样。"),
     "10", "10"),
    ("interpretation", _("政策解读与回应关切"), "interpretation.response", _("回应关切"),
     _("政务舆情回应及时、权威；网民留言按时答复。"),
     "10", "10"),
    ("platform", _("平台建设"), "platform.website", _("政府网站与政务新媒体"),
     _("网站栏目更新及时、无空白栏目，检索、互动功能可用，政务新媒体规范运维。"),
     "8", "10"),
    ("platform", _("平台建设"), "platform.column", _("政府信息公开专栏与公报"),
     _("政府信息公开专栏要素齐全；政府公报按期出版并公开。"),
     "7", "10"),
    ("oversight", _("监督保障"), "oversight.organisation", _("组织领导与工作机制"),
     _("明确分管负责人和工作机构；发布前保密审查、公开属性源头认定等机制落实。"),
     "5", "10"),
    ("oversight", _("监督保障"), "oversight.annual_report", _("年度报告"),
     _("政府信息公开工作年度报告按时发布（条例第四十九条），内容和格式符合统一格式。"),
     "5", "10"),
    ("oversight", _("监督保障"), "oversight.training", _("培训与考核"),
     _("工作人员定期培训（条例第四十八条）；政务公开纳入绩效考核。"),
     "5", "10"),
)  # fmt: skip
