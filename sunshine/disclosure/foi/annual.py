"""Tables three and four of the annual report on disclosure work (国办公开办函〔2021〕30号),
computed from the records of one agency for one calendar year.

Table three (收到和处理政府信息公开申请情况), columns: 自然人 | 商业企业, 科研机构, 社会公益组织,
法律服务机构, 其他 | 总计; rows:
  一 本年新收 — received in the year;
  二 上年结转 — received before the year and not replied before it began;
  三 本年度办理结果 — replied in the year, by outcome leaf, with group subtotals and 总计;
  四 结转下年度继续办理 — received by the end of the year and not replied by then (尚未办结).
Each row is counted on its own from the dates, so the invariant 一 + 二 = 三(总计) + 四 is a
real check of the records (a reply dated before its receipt, a reply without a received date
in range …) and `InvariantError` names the first column where it fails.

Table four (行政复议、行政诉讼情况): cases filed in the year, each with its result as known at
the end of the year (a result decided later counts as 尚未审结)."""

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .choices import (
    OUTCOME_TREE,
    TABLE_LEAF,
    ApplicantType,
    CaseResult,
    LawsuitKind,
    Outcome,
    OutcomeGroup,
    outcomes_counted_as,
)
from .models import InfoRequest, Lawsuit, ReviewCase

TOTAL = "total"
COLUMNS = [*ApplicantType.values, TOTAL]


class InvariantError(ValueError):
    def __init__(self, column: str, label: str, left: int, right: int):
        self.column, self.label, self.left, self.right = column, label, left, right
        super().__init__(
            _("第三张表“%(label)s”列不平衡：一+二=%(left)s，三+四=%(right)s。")
            % {"label": label, "left": left, "right": right}
        )


def column_labels() -> dict[str, str]:
    labels = {c: str(ApplicantType(c).label) for c in ApplicantType.values}
    labels[TOTAL] = _("总计")
    return labels


def _counts(agency, year: int) -> dict[str, dict[str, int]]:
    """{applicant_type: {measure: n}} in one aggregate query."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    open_at_start = Q(replied_on__isnull=True) | Q(replied_on__gte=first)
    open_at_end = Q(replied_on__isnull=True) | Q(replied_on__gt=last)
    in_year = Q(replied_on__gte=first, replied_on__lte=last)
    measures = {
        "new": Count("pk", filter=Q(received_on__gte=first, received_on__lte=last)),
        "carried_in": Count("pk", filter=Q(received_on__lt=first) & open_at_start),
        "carried_out": Count("pk", filter=Q(received_on__lte=last) & open_at_end),
    }
    for code in Outcome.values:
        if code not in TABLE_LEAF:
            measures[code] = Count("pk", filter=in_year & Q(outcome__in=outcomes_counted_as(code)))
    rows = (
        InfoRequest.objects.filter(agency=agency)
        .values("applicant_type")
        .annotate(**measures)
        .order_by()
    )
    result = {c: dict.fromkeys(measures, 0) for c in ApplicantType.values}
    for row in rows:
        kind = row.pop("applicant_type")
        if kind in result:
            result[kind] = row
    return result


def table_three(agency, year: int, *, check: bool = True) -> dict:
    counts = _counts(agency, year)

    def values(measure_codes) -> dict[str, int]:
        out = {c: sum(counts[c][m] for m in measure_codes) for c in ApplicantType.values}
        out[TOTAL] = sum(out.values())
        return out

    rows = [
        {
            "key": "new",
            "label": _("一、本年新收政府信息公开申请数量"),
            "level": 0,
            "values": values(["new"]),
        },
        {
            "key": "carried_in",
            "label": _("二、上年结转政府信息公开申请数量"),
            "level": 0,
            "values": values(["carried_in"]),
        },
        {"key": "results", "label": _("三、本年度办理结果"), "level": 0, "values": None},
    ]
    for number, (group, leaves) in zip(_numbers(), OUTCOME_TREE, strict=True):
        label = f"{number}{OutcomeGroup(group).label}"
        if group == OutcomeGroup.PARTIAL:
            label += _("（区分处理的，只计这一情形，不计其他情形）")
        rows.append({"key": group, "label": label, "level": 1, "values": values(leaves)})
        if len(leaves) > 1:
            for i, leaf in enumerate(leaves, 1):
                rows.append(
                    {
                        "key": leaf,
                        "label": f"{i}. {Outcome(leaf).label}",
                        "level": 2,
                        "values": values([leaf]),
                    }
                )
    results_total = values([c for c in Outcome.values if c not in TABLE_LEAF])
    rows.append(
        {"key": "results_total", "label": _("（七）总计"), "level": 1, "values": results_total}
    )
    rows.append(
        {
            "key": "carried_out",
            "label": _("四、结转下年度继续办理"),
            "level": 0,
            "values": values(["carried_out"]),
        }
    )
    table = {"columns": [{"key": c, "label": column_labels()[c]} for c in COLUMNS], "rows": rows}
    if check:
        check_invariant(table)
    return table


def _numbers() -> list[str]:
    return ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]


def row(table: dict, key: str) -> dict[str, int]:
    return next(r["values"] for r in table["rows"] if r["key"] == key)


def check_invariant(table: dict) -> None:
    """一 + 二 = 三(总计) + 四 for every column; InvariantError names the first that fails."""
    labels = {c["key"]: c["label"] for c in table["columns"]}
    new, carried_in = row(table, "new"), row(table, "carried_in")
    results, carried_out = row(table, "results_total"), row(table, "carried_out")
    for column in COLUMNS:
        left, right = new[column] + carried_in[column], results[column] + carried_out[column]
        if left != right:
            raise InvariantError(column, labels[column], left, right)


CASE_RESULTS = [CaseResult.UPHELD, CaseResult.CORRECTED, CaseResult.OTHER, CaseResult.PENDING]


def _case_block(qs, year: int) -> dict[str, int]:
    last = dt.date(year, 12, 31)
    decided = Q(decided_on__isnull=False, decided_on__lte=last)
    agg = qs.filter(filed_on__year=year).aggregate(
        upheld=Count("pk", filter=decided & Q(result=CaseResult.UPHELD)),
        corrected=Count("pk", filter=decided & Q(result=CaseResult.CORRECTED)),
        other=Count("pk", filter=decided & Q(result=CaseResult.OTHER)),
        pending=Count("pk", filter=~decided | Q(result=CaseResult.PENDING)),
        total=Count("pk"),
    )
    return {k: agg[k] for k in [*CASE_RESULTS, TOTAL]}


def table_four(agency, year: int) -> dict:
    labels = {str(r): str(CaseResult(r).label) for r in CASE_RESULTS}
    labels[TOTAL] = _("总计")
    lawsuits = Lawsuit.objects.filter(agency=agency)
    return {
        "columns": [{"key": k, "label": labels[k]} for k in [*CASE_RESULTS, TOTAL]],
        "blocks": [
            {
                "key": "review",
                "label": _("行政复议"),
                "values": _case_block(ReviewCase.objects.filter(agency=agency), year),
            },
            {
                "key": "lawsuit_direct",
                "label": _("行政诉讼：未经复议直接起诉"),
                "values": _case_block(lawsuits.filter(kind=LawsuitKind.DIRECT), year),
            },
            {
                "key": "lawsuit_after_review",
                "label": _("行政诉讼：复议后起诉"),
                "values": _case_block(lawsuits.filter(kind=LawsuitKind.AFTER_REVIEW), year),
            },
        ],
    }


def annual_tables(agency, year: int, *, check: bool = True) -> dict:
    return {
        "agency": agency.name,
        "agency_id": agency.pk,
        "year": year,
        "table_three": table_three(agency, year, check=check),
        "table_four": table_four(agency, year),
    }


def flat_rows(tables: dict) -> list[list]:
    """Both tables as rows of cells (for CSV and XLSX)."""
    three, four = tables["table_three"], tables["table_four"]
    out: list[list] = [[_("三、收到和处理政府信息公开申请情况")]]
    out.append(["", *[c["label"] for c in three["columns"]]])
    for r in three["rows"]:
        indent = "　" * r["level"]
        cells = [r["values"][c["key"]] for c in three["columns"]] if r["values"] else []
        out.append([indent + r["label"], *cells])
    out.append([])
    out.append([_("四、政府信息公开行政复议、行政诉讼情况")])
    out.append(["", *[c["label"] for c in four["columns"]]])
    for block in four["blocks"]:
        out.append([block["label"], *[block["values"][c["key"]] for c in four["columns"]]])
    return out
