"""The fixed lists of 数据开放 (open data); shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenClass(models.TextChoices):
    """开放属性 (广东省公共数据开放暂行办法: 无条件开放类、有条件开放类、不予开放类)."""

    UNCONDITIONAL = "unconditional", _("无条件开放")
    CONDITIONAL = "conditional", _("有条件开放")
    CLOSED = "closed", _("不予开放")


class DatasetState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Topic(models.TextChoices):
    """主题分类 (the topics of the provincial open-data portal); CKAN groups, DCAT themes."""

    ECONOMY = "economy", _("经济建设")
    ENVIRONMENT = "environment", _("资源环境")
    EDUCATION = "education", _("教育科技")
    TRANSPORT = "transport", _("道路交通")
    SOCIETY = "society", _("社会发展")
    SAFETY = "safety", _("公共安全")
    FINANCE = "finance", _("财税金融")
    HEALTH = "health", _("健康卫生")
    EMPLOYMENT = "employment", _("社保就业")
    HOUSING = "housing", _("城建住房")
    AGRICULTURE = "agriculture", _("农业农村")
    GOVERNMENT = "government", _("机构团体")
    CULTURE = "culture", _("文化休闲")
    CREDIT = "credit", _("信用服务")
    LIFE = "life", _("生活服务")
    OTHER = "other", _("其他")


# The EU data-theme each topic is mapped to in DCAT-AP (dcat:theme must be a skos:Concept of
# http://publications.europa.eu/resource/authority/data-theme).
TOPIC_EU_THEME = {
    "economy": "ECON",
    "environment": "ENVI",
    "education": "EDUC",
    "transport": "TRAN",
    "society": "SOCI",
    "safety": "JUST",
    "finance": "ECON",
    "health": "HEAL",
    "employment": "SOCI",
    "housing": "REGI",
    "agriculture": "AGRI",
    "government": "GOVE",
    "culture": "EDUC",
    "credit": "ECON",
    "life": "SOCI",
    "other": "GOVE",
}


class Industry(models.TextChoices):
    """行业分类: the sections (门类) of GB/T 4754-2017 国民经济行业分类."""

    A = "A", _("农、林、牧、渔业")
    B = "B", _("采矿业")
    C = "C", _("制造业")
    D = "D", _("电力、热力、燃气及水生产和供应业")
    E = "E", _("建筑业")
    F = "F", _("批发和零售业")
    G = "G", _("交通运输、仓储和邮政业")
    H = "H", _("住宿和餐饮业")
    I = "I", _("信息传输、软件和信息技术服务业")  # noqa: E741
    J = "J", _("金融业")
    K = "K", _("房地产业")
    L = "L", _("租赁和商务服务业")
    M = "M", _("科学研究和技术服务业")
    N = "N", _("水利、环境和公共设施管理业")
    O = "O", _("居民服务、修理和其他服务业")  # noqa: E741
    P = "P", _("教育")
    Q = "Q", _("卫生和社会工作")
    R = "R", _("文化、体育和娱乐业")
    S = "S", _("公共管理、社会保障和社会组织")
    T = "T", _("国际组织")


class Frequency(models.TextChoices):
    """更新频率, with the number of days after which the data counts as late (timeliness)."""

    REALTIME = "realtime", _("实时")
    DAILY = "daily", _("每日")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    HALFYEAR = "halfyear", _("每半年")
    YEARLY = "yearly", _("每年")
    IRREGULAR = "irregular", _("不定期")
    NEVER = "never", _("不再更新")


FREQUENCY_DAYS = {
    "realtime": 1,
    "daily": 1,
    "weekly": 7,
    "monthly": 31,
    "quarterly": 92,
    "halfyear": 183,
    "yearly": 366,
}

# dct:accrualPeriodicity: http://publications.europa.eu/resource/authority/frequency/<code>
FREQUENCY_EU = {
    "realtime": "CONT",
    "daily": "DAILY",
    "weekly": "WEEKLY",
    "monthly": "MONTHLY",
    "quarterly": "QUARTERLY",
    "halfyear": "ANNUAL_2",
    "yearly": "ANNUAL",
    "irregular": "IRREG",
    "never": "NEVER",
}


class License(models.TextChoices):
    CC_BY_4 = "CC-BY-4.0", _("知识共享署名 4.0（CC BY 4.0）")
    CC0 = "CC0-1.0", _("CC0 1.0 公有领域贡献")
    GD_OPEN = "gd-open-data", _("广东省公共数据开放平台数据使用协议")


LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "gd-open-data": "https://gddata.gd.gov.cn/opdata/agreement",
}
OPEN_LICENSES = frozenset({"CC-BY-4.0", "CC0-1.0"})  # licenses CKAN reports as open


class ResourceFormat(models.TextChoices):
    CSV = "CSV", "CSV"
    XLSX = "XLSX", "XLSX"
    JSON = "JSON", "JSON"
    API = "API", _("接口（API）")


# Format openness (开放性), the third part of the quality score: an open, machine-readable,
# non-proprietary format scores 1, a proprietary spreadsheet 0.6, an API link 0.8.
FORMAT_OPENNESS = {"CSV": 1.0, "JSON": 1.0, "XLSX": 0.6, "API": 0.8}
FORMAT_MEDIA_TYPES = {
    "CSV": "text/csv",
    "JSON": "application/json",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "API": "application/json",
}
TABULAR_FORMATS = frozenset({"CSV", "XLSX", "JSON"})


class FieldType(models.TextChoices):
    STRING = "string", _("文本")
    INTEGER = "integer", _("整数")
    NUMBER = "number", _("数值")
    DATE = "date", _("日期")
    DATETIME = "datetime", _("日期时间")
    BOOLEAN = "boolean", _("布尔")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已同意")
    REJECTED = "rejected", _("不予同意")
    WITHDRAWN = "withdrawn", _("已撤回")


class ReviewState(models.TextChoices):
    OPEN = "open", _("审核中")
    COMPLETED = "completed", _("已完成")


TITLE_MAX = 200
NAME_MAX = 100  # the CKAN name (URL slug)
PURPOSE_MAX = 2000
DATASTORE_MAX_ROWS = 2_000_000  # rows loaded from one resource file
DATASTORE_LIMIT_DEFAULT = 100  # CKAN's datastore_search default
DATASTORE_LIMIT_MAX = 32_000  # CKAN's ckan.datastore.search.rows_max default
GRANT_DEFAULT_DAYS = 365
