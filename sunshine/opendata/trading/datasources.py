"""The 公共资源交易 tables offered as generated open datasets through 数据开放's DataSource
registry (same domain, so registered here, from the feature's `install`): 交易项目, 中标/成交
结果, 黑名单 (in force). The rows are exactly what the portal shows."""

from django.utils.translation import gettext_lazy as _

from sunshine.opendata.datasets.sources import DataSource, register_source

from . import selectors
from .choices import ProjectStage, TradeCategory


def F(name, title, type_="string", unit="", description=""):
    return {"name": name, "title": title, "type": type_, "unit": unit,
            "description": description or title}  # fmt: skip


PROJECT_FIELDS = (
    F("project_code", "项目编号"),
    F("title", "项目名称"),
    F(
        "category",
        "交易类别",
        description="工程建设、政府采购、土地使用权和矿业权出让、国有产权交易",
    ),  # fmt: skip
    F("tenderer", "招标人/采购人"),
    F("agent", "代理机构"),
    F("budget", "预算金额", "number", "元"),
    F("region", "项目所在地"),
    F("stage", "阶段"),
    F("first_published_on", "首次公告日期", "date"),
    F("last_published_on", "最近公告日期", "date"),
    F("supervisor", "监管部门"),
    F("platform", "交易平台标识"),
    F("source_id", "平台项目ID"),
)
RESULT_FIELDS = (
    F("project_code", "项目编号"),
    F("project_title", "项目名称"),
    F("category", "交易类别"),
    F("notice_title", "公示标题"),
    F("winner", "中标人/成交供应商"),
    F("winner_credit_code", "中标人统一社会信用代码"),
    F("amount", "中标/成交金额", "number", "元"),
    F("published_on", "公示日期", "date"),
    F("supervisor", "监管部门"),
    F("source_id", "平台公告ID"),
    F("version", "版本", "integer"),
)
BLACKLIST_FIELDS = (
    F("entity_name", "主体名称"),
    F("credit_code", "统一社会信用代码"),
    F("reason", "失信行为"),
    F("basis", "认定依据"),
    F("valid_from", "公布期限自", "date"),
    F("valid_to", "公布期限至", "date"),
    F("agency", "认定机关"),
)


def project_rows(agency):
    rows = selectors.public_projects(agency_id=agency.pk).order_by("first_published_on", "pk")
    for p in rows.iterator(chunk_size=2000):
        yield [
            p.code, p.title, str(TradeCategory(p.category).label), p.tenderer, p.agent, p.budget,
            p.region, str(ProjectStage(p.stage).label), p.first_published_on,
            p.last_published_on, p.agency.name, p.platform, p.source_id,
        ]  # fmt: skip


def result_rows(agency):
    for n in selectors.results(agency).iterator(chunk_size=2000):
        p = n.project
        yield [
            p.code, p.title, str(TradeCategory(p.category).label), n.title, n.winner,
            n.winner_credit_code, n.amount, n.published_on, p.agency.name, n.source_id,
            n.version,
        ]  # fmt: skip


def blacklist_rows(agency):
    rows = selectors.in_force_blacklist().filter(agency__path__startswith=agency.path)
    for e in rows.order_by("valid_from", "pk"):
        yield [e.entity_name, e.credit_code, e.reason, e.basis, e.valid_from, e.valid_to,
               e.agency.name]  # fmt: skip


def register_sources() -> None:
    register_source(
        DataSource(
            key="trading.projects",
            label=_("公共资源交易项目"),
            fields=PROJECT_FIELDS,
            rows=project_rows,
            defaults={
                "title": "公共资源交易项目",
                "notes": "本机关及下属机关监管的公共资源交易项目（工程建设、政府采购、土地使用权和矿业权出让、国有产权交易），采集自公共资源交易平台。",  # fmt: skip
                "tags": ["公共资源交易", "招标", "政府采购"],
                "topic": "economy",
                "industry": "S",
                "open_class": "unconditional",
                "update_frequency": "daily",
                "license_id": "CC-BY-4.0",
            },
        )
    )
    register_source(
        DataSource(
            key="trading.results",
            label=_("公共资源交易中标（成交）结果"),
            fields=RESULT_FIELDS,
            rows=result_rows,
            defaults={
                "title": "公共资源交易中标（成交）结果",
                "notes": "中标/成交结果公示：中标人、金额和公示日期。",
                "tags": ["中标结果", "成交结果", "公共资源交易"],
                "topic": "economy",
                "industry": "S",
                "open_class": "unconditional",
                "update_frequency": "daily",
                "license_id": "CC-BY-4.0",
            },
        )
    )
    register_source(
        DataSource(
            key="trading.blacklist",
            label=_("公共资源交易黑名单"),
            fields=BLACKLIST_FIELDS,
            rows=blacklist_rows,
            defaults={
                "title": "公共资源交易黑名单（失信主体）",
                "notes": "公布期内的公共资源交易失信主体记录。",
                "tags": ["黑名单", "失信", "公共资源交易"],
                "topic": "economy",
                "industry": "S",
                "open_class": "unconditional",
                "update_frequency": "daily",
                "license_id": "CC-BY-4.0",
            },
        )
    )
