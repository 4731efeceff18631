"""The fixed lists of a government-information record (rules.md §2, glossary)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """主题分类: the top level of the State Council's 公文主题分类 used by government sites."""

    GENERAL = "general", _("综合政务")
    ECONOMY = "economy", _("国民经济管理、国有资产监管")
    FINANCE = "finance", _("财政、金融、审计")
    LAND_ENERGY = "land_energy", _("国土资源、能源")
    AGRICULTURE = "agriculture", _("农业、林业、水利")
    INDUSTRY = "industry", _("工业、交通")
    COMMERCE = "commerce", _("商贸、海关、旅游")
    MARKET = "market", _("市场监管、安监")
    CONSTRUCTION = "construction", _("城乡建设、环境保护")
    SCIENCE = "science", _("科技、教育")
    CULTURE = "culture", _("文化、广电、新闻出版")
    HEALTH = "health", _("卫生、体育")
    POPULATION = "population", _("人口与计划生育、妇女儿童工作")
    LABOUR = "labour", _("劳动、人事、监察")
    SECURITY = "security", _("公安、安全、司法")
    CIVIL = "civil", _("民政、扶贫、救灾")
    ETHNIC = "ethnic", _("民族、宗教")
    FOREIGN = "foreign", _("对外事务")
    HMT = "hmt", _("港澳台侨工作")
    DEFENCE = "defence", _("国防")
    OTHER = "other", _("其他")


class DocKind(models.TextChoices):
    """公文种类."""

    NOTICE = "notice", _("通知")
    OPINION = "opinion", _("意见")
    DECISION = "decision", _("决定")
    MEASURES = "measures", _("办法")
    PROVISIONS = "provisions", _("规定")
    ANNOUNCEMENT = "announcement", _("公告")
    CIRCULAR = "circular", _("通告")
    REPLY = "reply", _("批复")
    REPORT = "report", _("报告")
    LETTER = "letter", _("函")
    OTHER = "other", _("其他")


class DisclosureMode(models.TextChoices):
    """公开属性 (国办发〔2016〕80号: set when the document is drafted)."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class WithheldGround(models.TextChoices):
    """The legal ground of 依申请公开 / 不予公开 (条例 Arts 14–16)."""

    STATE_SECRET = "state_secret", _("国家秘密")
    TRADE_SECRET = "trade_secret", _("商业秘密")
    PRIVACY = "privacy", _("个人隐私")
    PROCESS = "process", _("过程性信息")
    INTERNAL = "internal", _("内部事务信息")
    ENFORCEMENT_FILE = "enforcement_file", _("行政执法案卷")
    OTHER_LAW = "other_law", _("其他法律法规规定")


class Validity(models.TextChoices):
    """有效性."""

    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")
