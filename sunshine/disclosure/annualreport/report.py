"""The whole annual report on disclosure work (国办公开办函〔2021〕30号) of one agency for one year,
as one dict: `sections` (一 … 六, each with its title and text) and `tables` (二, 三, 四) with the
template's own row and column names, plus `facts` (sentences staff may insert) and `failures`
(the invariants that do not hold, each named).

Table 二 (主动公开政府信息情况), one group per item of 条例 Art. 20:
  第二十条第（一）项  规章, 行政规范性文件: 本年制发件数 / 本年废止件数 / 现行有效件数 — from the
      published 主动公开 records of the agency: 规章 are the records promulgated by an order
      (文号 "粤府令〔2025〕310号", 立法法 Art. 95), 行政规范性文件 the other records marked 规范性文件;
      制发 by 发布日期 in the year, 废止 by the 废止 or 失效 date in the year (the template has no
      失效 column, and a 失效 document is no longer 现行有效), 现行有效 published by 31 December
      and not ended by then;
  第二十条第（五）项  行政许可 and 第二十条第（六）项 行政处罚, 行政强制: 本年处理决定数量;
  第二十条第（八）项  行政事业性收费: 本年收费金额（单位：万元）— the FOI 信息处理费 paid in the year
      and whatever other providers add.
The rows of （五）（六）（八） come from providers (providers.py); a row nobody provides is entered
by staff (`manual`) and marked "人工填报".
Tables 三 and 四 are `foi.annual`'s (summed over the subtree for a government's roll-up)."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from sunshine.disclosure.foi import annual as foi_annual
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.disclosure.records.choices import Validity
from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.orgs.models import Agency

from .choices import DRAFTED_SECTIONS, SECTION_TITLES, SECTIONS
from .providers import FACTS, figures_for

# 规章 are promulgated by an order (令): the platform stores 文号 in the canonical form, so an
# order is "粤府令〔2025〕310号" (机关代字 ending in 令); "…令第310号" is recognised too.
RULE_NUMBER = r"令(〔|\s*第|\s*[0-9]{4}年)"
_RULE_RE = re.compile(RULE_NUMBER)
ENDED = (Validity.REPEALED, Validity.EXPIRED)
TEN_THOUSAND = Decimal(10_000)


@dataclass(frozen=True)
class Failure:
    code: str  # stable name, e.g. "表三.平衡.自然人"
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


def is_rule(doc_number: str) -> bool:
    return bool(_RULE_RE.search(doc_number or ""))


def subtree(agency) -> list:
    return list(Agency.objects.filter(path__startswith=agency.path).order_by("path"))


# --- Table 二 ----------------------------------------------------------------------------


def _records(agency, within: bool):
    qs = public_records(within=agency) if within else public_records(agency=agency)
    return qs.order_by()


def document_counts(agency, year: int, *, within: bool = False) -> dict[str, dict[str, int]]:
    """{"rules"|"normative": {"issued", "repealed", "in_force"}} in one query."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ended_by = Q(validity__in=ENDED, validity_date__isnull=False, validity_date__lte=last)
    rule = Q(doc_number__regex=RULE_NUMBER)
    kinds = {"rules": rule, "normative": Q(normative=True) & ~rule}
    measures = {}
    for key, kind in kinds.items():
        measures[f"{key}_issued"] = Count(
            "pk", filter=kind & Q(date_published__gte=first, date_published__lte=last)
        )
        measures[f"{key}_repealed"] = Count(
            "pk",
            filter=kind & Q(validity__in=ENDED, validity_date__gte=first, validity_date__lte=last),
        )
        measures[f"{key}_in_force"] = Count(
            "pk", filter=kind & Q(date_published__lte=last) & ~ended_by
        )
    agg = _records(agency, within).aggregate(**measures)
    return {
        key: {m: agg[f"{key}_{m}"] for m in ("issued", "repealed", "in_force")} for key in kinds
    }


def foi_fees_yuan(agency, year: int, *, within: bool = False) -> int:
    """信息处理费 paid in the year (元)."""
    qs = InfoRequest.objects.filter(fee_paid_on__year=year)
    qs = qs.filter(agency__path__startswith=agency.path) if within else qs.filter(agency=agency)
    return qs.aggregate(total=Sum("fee_amount"))["total"] or 0


def wan(yuan) -> Decimal:
    """元 → 万元, to the 元 (four decimals)."""
    return (Decimal(yuan) / TEN_THOUSAND).quantize(Decimal("0.0001"))


def _provided(row: str, agency, year: int, within: bool, manual: dict) -> tuple:
    """(value, sources, manual?) of a provided row; fees in 元 (the FOI fees included)."""
    providers = figures_for(row)
    total = Decimal(0) if row == "fees" else 0
    sources = []
    if row == "fees":
        total += foi_fees_yuan(agency, year, within=within)
        sources.append(_("依申请公开信息处理费"))
    for provider in providers:
        total += provider.value(agency, year, within=within)
        sources.append(str(provider.label))
    if sources:
        return total, sources, False
    raw = (manual or {}).get(row)
    if raw in (None, ""):
        return None, [_("人工填报")], True
    return (Decimal(str(raw)) if row == "fees" else int(raw)), [_("人工填报")], True


def table_two(agency, year: int, *, within: bool = False, manual: dict | None = None) -> dict:
    docs = document_counts(agency, year, within=within)
    decisions = {}
    for row in ("licensing", "penalty", "coercion"):
        value, sources, typed = _provided(row, agency, year, within, manual or {})
        decisions[row] = {"value": value, "sources": sources, "manual": typed}
    fee, fee_sources, fee_typed = _provided("fees", agency, year, within, manual or {})
    if fee is not None and not fee_typed:
        fee = wan(fee)  # providers give 元; a typed figure is already in 万元

    def decision_row(key, label):
        d = decisions[key]
        return {
            "key": key,
            "label": label,
            "values": {"decisions": d["value"]},
            "sources": d["sources"],
            "manual": d["manual"],
        }

    content = {"key": "content", "label": _("信息内容")}
    return {
        "groups": [
            {
                "key": "art20_1",
                "label": _("第二十条第（一）项"),
                "columns": [
                    content,
                    {"key": "issued", "label": _("本年制发件数")},
                    {"key": "repealed", "label": _("本年废止件数")},
                    {"key": "in_force", "label": _("现行有效件数")},
                ],
                "rows": [
                    {"key": "rules", "label": _("规章"), "values": docs["rules"]},
                    {"key": "normative", "label": _("行政规范性文件"), "values": docs["normative"]},
                ],
            },
            {
                "key": "art20_5",
                "label": _("第二十条第（五）项"),
                "columns": [content, {"key": "decisions", "label": _("本年处理决定数量")}],
                "rows": [decision_row("licensing", _("行政许可"))],
            },
            {
                "key": "art20_6",
                "label": _("第二十条第（六）项"),
                "columns": [content, {"key": "decisions", "label": _("本年处理决定数量")}],
                "rows": [
                    decision_row("penalty", _("行政处罚")),
                    decision_row("coercion", _("行政强制")),
                ],
            },
            {
                "key": "art20_8",
                "label": _("第二十条第（八）项"),
                "columns": [content, {"key": "amount", "label": _("本年收费金额（单位：万元）")}],
                "rows": [
                    {
                        "key": "fees",
                        "label": _("行政事业性收费"),
                        "values": {"amount": None if fee is None else float(fee)},
                        "sources": fee_sources,
                        "manual": fee_typed,
                    }
                ],
            },
        ]
    }


def two_row(table: dict, key: str) -> dict:
    for group in table["groups"]:
        for row in group["rows"]:
            if row["key"] == key:
                return row
    raise LookupError(key)


# --- Tables 三 and 四 ---------------------------------------------------------------------


def _add_values(into: dict | None, values: dict | None) -> dict | None:
    if values is None:
        return into
    if into is None:
        return dict(values)
    return {k: into[k] + values[k] for k in into}


def tables_three_four(agency, year: int, *, within: bool = False) -> tuple[dict, dict]:
    """foi's tables three and four (not checked here: check() names what fails); for a roll-up
    the sum over the agency and its subtree, row by row."""
    agencies = subtree(agency) if within else [agency]
    three = four = None
    for one in agencies:
        t3 = foi_annual.table_three(one, year, check=False)
        t4 = foi_annual.table_four(one, year)
        if three is None:
            three, four = t3, t4
            continue
        for mine, theirs in zip(three["rows"], t3["rows"], strict=True):
            mine["values"] = _add_values(mine["values"], theirs["values"])
        for mine, theirs in zip(four["blocks"], t4["blocks"], strict=True):
            mine["values"] = _add_values(mine["values"], theirs["values"])
    three["header"] = _("申请人情况")
    three["column_groups"] = [
        {"label": _("自然人"), "span": 1},
        {"label": _("法人或其他组织"), "span": 5},
        {"label": _("总计"), "span": 1},
    ]
    four["column_groups"] = [
        {"label": _("行政复议"), "span": 5},
        {"label": _("行政诉讼"), "span": 10},
    ]
    return three, four


# --- Facts offered to the drafted sections -------------------------------------------------


def facts(agency, year: int, tables: dict, *, within: bool = False) -> list[dict]:
    """Sentences computed from the figures, each insertable into section 一, 五 or 六."""
    two, three, four = tables["二"], tables["三"], tables["四"]
    out = []
    n = _("%(year)s年，") % {"year": year}
    normative, rules = two_row(two, "normative")["values"], two_row(two, "rules")["values"]
    out.append(
        {
            "key": "proactive",
            "label": _("主动公开"),
            "text": n
            + _(
                "本机关制发行政规范性文件%(issued)s件、废止%(repealed)s件，现行有效行政规范性文件"
                "%(in_force)s件；制发规章%(rules)s件，现行有效规章%(rules_in_force)s件。"
            )
            % {
                **normative,
                "rules": rules["issued"],
                "rules_in_force": rules["in_force"],
            },
        }
    )
    published = _records(agency, within).filter(date_published__year=year).count()
    out.append(
        {
            "key": "published",
            "label": _("发布信息"),
            "text": n + _("本机关主动公开政府信息%(n)s条。") % {"n": published},
        }
    )
    total = "total"
    row3 = {r["key"]: r["values"] for r in three["rows"]}
    out.append(
        {
            "key": "requests",
            "label": _("依申请公开"),
            "text": n
            + _(
                "本机关新收政府信息公开申请%(new)s件，上年结转%(carried_in)s件；办结%(done)s件，"
                "其中予以公开%(granted)s件、部分公开%(partial)s件；结转下年度继续办理%(out)s件。"
            )
            % {
                "new": row3["new"][total],
                "carried_in": row3["carried_in"][total],
                "done": row3["results_total"][total],
                "granted": _group_total(three, 0),
                "partial": _group_total(three, 1),
                "out": row3["carried_out"][total],
            },
        }
    )
    blocks = {b["key"]: b["values"] for b in four["blocks"]}
    lawsuits = blocks["lawsuit_direct"][total] + blocks["lawsuit_after_review"][total]
    out.append(
        {
            "key": "remedies",
            "label": _("复议诉讼"),
            "text": n
            + _(
                "本机关因政府信息公开工作被申请行政复议%(reviews)s件、被提起行政诉讼%(lawsuits)s件，"
                "其中被纠正%(corrected)s件。"
            )
            % {
                "reviews": blocks["review"][total],
                "lawsuits": lawsuits,
                "corrected": sum(b["corrected"] for b in blocks.values()),
            },
        }
    )
    yuan = foi_fees_yuan(agency, year, within=within)
    out.append(
        {
            "key": "fees",
            "label": _("信息处理费"),
            "text": n
            + (
                _("本机关依据《政府信息公开信息处理费管理办法》收取信息处理费%(yuan)s元。")
                % {"yuan": yuan}
                if yuan
                else _("本机关未收取信息处理费。")
            ),
        }
    )
    for provider in FACTS.all():
        for i, text in enumerate(provider.facts(agency, year, within=within)):
            out.append({"key": f"{provider.key}-{i}", "label": str(provider.label), "text": text})
    return out


def _group_total(three: dict, index: int) -> int:
    groups = [r for r in three["rows"] if r["level"] == 1]
    return groups[index]["values"]["total"]


# --- The whole report and its invariants --------------------------------------------------


def build(
    agency,
    year: int,
    *,
    within: bool = False,
    texts: dict | None = None,
    manual: dict | None = None,
    previous_in_force: dict | None = None,
) -> dict:
    """The report as a dict (see the module docstring). `texts`: the drafted sections
    {"一": …, "五": …, "六": …}; `previous_in_force`: last year's published 现行有效件数
    {"rules": n, "normative": n} when there is a published report of last year (otherwise
    they are computed from the records)."""
    three, four = tables_three_four(agency, year, within=within)
    tables = {"二": table_two(agency, year, within=within, manual=manual), "三": three, "四": four}
    if previous_in_force is None:
        last = document_counts(agency, year - 1, within=within)
        previous_in_force = {k: v["in_force"] for k, v in last.items()}
        previous_source = "computed"
    else:
        previous_source = "published"
    texts = texts or {}
    sections = {
        number: {
            "title": str(SECTION_TITLES[number]),
            "text": texts.get(number, "") if number in DRAFTED_SECTIONS else "",
        }
        for number in SECTIONS
    }
    data = {
        "agency": agency.name,
        "agency_id": agency.pk,
        "year": year,
        "rollup": within,
        "title": _("%(agency)s%(year)s年政府信息公开工作年度报告")
        % {"agency": agency.name, "year": year},
        "sections": sections,
        "tables": tables,
        "previous_in_force": {**previous_in_force, "source": previous_source},
    }
    data["facts"] = facts(agency, year, tables, within=within)
    data["failures"] = [f.as_dict() for f in check(data)]
    return data


def check(data: dict) -> list[Failure]:
    """Every invariant of the report that fails, each named:
    表三.平衡.<列>: 一 + 二 = 三(总计) + 四 in every column; 表三.总计 / 表三.小计 / 表四.总计:
    the totals add up; 表二.现行有效.<行>: 现行有效 = last year's + 制发 − 废止; 表二.未填报.<行>:
    a figure no module provides has not been entered."""
    failures: list[Failure] = []
    three, four, two = data["tables"]["三"], data["tables"]["四"], data["tables"]["二"]
    labels = {c["key"]: c["label"] for c in three["columns"]}
    rows = {r["key"]: r for r in three["rows"]}
    for column in foi_annual.COLUMNS:
        left = rows["new"]["values"][column] + rows["carried_in"]["values"][column]
        right = rows["results_total"]["values"][column] + rows["carried_out"]["values"][column]
        if left != right:
            failures.append(
                Failure(
                    f"表三.平衡.{labels[column]}",
                    _("第三张表“%(label)s”列不平衡：一+二=%(left)s，三+四=%(right)s。")
                    % {"label": labels[column], "left": left, "right": right},
                )
            )
    leaves = [c for c in foi_annual.COLUMNS if c != foi_annual.TOTAL]
    for r in three["rows"]:
        v = r["values"]
        if v is None:
            continue
        if sum(v[c] for c in leaves) != v[foi_annual.TOTAL]:
            failures.append(
                Failure(
                    f"表三.总计.{r['label']}",
                    _("第三张表“%(row)s”行的总计不等于各列之和。") % {"row": r["label"]},
                )
            )
    # group subtotals = their leaves; （七）总计 = the groups
    groups, current = [], None
    for r in three["rows"]:
        if r["level"] == 1 and r["key"] != "results_total":
            current = {"row": r, "leaves": []}
            groups.append(current)
        elif r["level"] == 2 and current is not None:
            current["leaves"].append(r)
    for g in groups:
        if g["leaves"] and any(
            sum(leaf["values"][c] for leaf in g["leaves"]) != g["row"]["values"][c]
            for c in foi_annual.COLUMNS
        ):
            failures.append(
                Failure(
                    f"表三.小计.{g['row']['label']}",
                    _("第三张表“%(row)s”不等于其各项之和。") % {"row": g["row"]["label"]},
                )
            )
    if any(
        sum(g["row"]["values"][c] for g in groups) != rows["results_total"]["values"][c]
        for c in foi_annual.COLUMNS
    ):
        failures.append(
            Failure("表三.总计.办理结果", _("第三张表“（七）总计”不等于（一）至（六）之和。"))
        )
    parts = [c for c in foi_annual.CASE_RESULTS]
    for block in four["blocks"]:
        v = block["values"]
        if sum(v[p] for p in parts) != v[foi_annual.TOTAL]:
            failures.append(
                Failure(
                    f"表四.总计.{block['label']}",
                    _("第四张表“%(block)s”的总计不等于各项之和。") % {"block": block["label"]},
                )
            )
    previous = data["previous_in_force"]
    for key in ("rules", "normative"):
        row = two_row(two, key)
        v = row["values"]
        expected = previous[key] + v["issued"] - v["repealed"]
        if v["in_force"] != expected:
            failures.append(
                Failure(
                    f"表二.现行有效.{row['label']}",
                    _(
                        "第二张表“%(row)s”现行有效件数为%(now)s，应为上年%(prev)s件+本年制发"
                        "%(issued)s件−本年废止%(repealed)s件=%(expected)s件。"
                    )
                    % {
                        "row": row["label"],
                        "now": v["in_force"],
                        "prev": previous[key],
                        "issued": v["issued"],
                        "repealed": v["repealed"],
                        "expected": expected,
                    },
                )
            )
    for key in ("licensing", "penalty", "coercion", "fees"):
        row = two_row(two, key)
        if any(value is None for value in row["values"].values()):
            failures.append(
                Failure(
                    f"表二.未填报.{row['label']}",
                    _("第二张表“%(row)s”没有系统数据，请填报。") % {"row": row["label"]},
                )
            )
    return failures
