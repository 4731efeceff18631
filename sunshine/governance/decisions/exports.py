"""决策事项目录 as XLSX (the kernel's one-sheet table writer): one row per listed entry, in the
order of the public page, with the adjustments made to it."""

from django.utils.translation import gettext as _

from sunshine.kernel.files.tables import Column, safe_cell, write_table

from .choices import StepKind
from .levels import level_label
from .models import DecisionCatalog
from .selectors import catalog_adjustments, catalog_entries

_safe = safe_cell  # no spreadsheet formulas from typed text (formula injection)


def columns() -> tuple[Column, ...]:
    return (
        Column("number", _("序号"), width=6),
        Column("title", _("决策事项"), width=40),
        Column("lead_agency", _("承办单位"), width=24),
        Column("level", _("决策层级"), width=16),
        Column("steps", _("履行程序"), width=40),
        Column("planned_date", _("计划完成时间"), width=14),
        Column("state", _("办理状态"), width=10),
        Column("adjustments", _("调整情况"), width=40),
    )


def catalog_rows(catalog: DecisionCatalog) -> list[list[str]]:
    adjusted: dict[int, list[str]] = {}
    for a in catalog_adjustments(catalog):
        adjusted.setdefault(a.decision_id, []).append(
            f"{a.at:%Y-%m-%d} {a.get_kind_display()}：{a.reason}"
        )
    rows = []
    for number, d in enumerate(catalog_entries(catalog), start=1):
        rows.append(
            [
                str(number),
                _safe(d.title),
                d.lead_agency.name,
                level_label(d.level),
                "、".join(str(StepKind(k).label) for k in d.required_steps),
                f"{d.planned_date:%Y-%m-%d}" if d.planned_date else "",
                str(d.get_state_display()),
                _safe("；".join(adjusted.get(d.pk, []))),
            ]
        )
    return rows


def catalog_xlsx(catalog: DecisionCatalog) -> bytes:
    return write_table(_("决策事项目录"), columns(), catalog_rows(catalog))


def catalog_filename(catalog: DecisionCatalog) -> str:
    return _("%(agency)s%(year)s年度重大行政决策事项目录.xlsx") % {
        "agency": catalog.agency.name,
        "year": catalog.year,
    }
