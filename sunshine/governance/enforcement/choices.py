"""The fixed lists of 行政执法公示; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    """双公示: the two kinds of 执法决定 published under the national data standard."""

    LICENSE = "license", _("行政许可")
    PENALTY = "penalty", _("行政处罚")


class PartyKind(models.TextChoices):
    """行政相对人类别 (as in the 双公示 data standard)."""

    ORGANISATION = "organisation", _("法人及非法人组织")
    BUSINESS = "business", _("个体工商户")
    PERSON = "person", _("自然人")


class PenaltyCategory(models.TextChoices):
    """处罚类别: the kinds of 行政处罚 of 行政处罚法 (2021) Art. 9."""

    WARNING = "warning", _("警告")
    CENSURE = "censure", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENSE = "suspend_license", _("暂扣许可证件")
    DOWNGRADE = "downgrade", _("降低资质等级")
    REVOKE_LICENSE = "revoke_license", _("吊销许可证件")
    LIMIT_BUSINESS = "limit_business", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    LIMIT_PRACTICE = "limit_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("法律、行政法规规定的其他行政处罚")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("登记中")
    REVIEW = "review", _("法制审核中")
    DECIDED = "decided", _("待公示")
    PUBLISHED = "published", _("已公示")
    WITHDRAWN = "withdrawn", _("已撤回")


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("退回修改")


class RecordStage(models.TextChoices):
    """执法全过程记录: the stages a record documents (国办发〔2018〕118号 三项制度)."""

    START = "start", _("程序启动")
    INVESTIGATION = "investigation", _("调查取证")
    REVIEW = "review", _("审查决定")
    SERVICE = "service", _("送达")
    EXECUTION = "execution", _("执行")


DOC_NUMBER_MAX = 100
TITLE_MAX = 200
