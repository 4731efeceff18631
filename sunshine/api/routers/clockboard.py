"""期限看板 as JSON: the numbers of the public board (/qxkb/) for anyone — the whole government
or one agency with its sub-agencies, for a period (a preset or dates) — with the definitions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from sunshine.assessment.clockboard import board as boards

from ..errors import NotFound
from ..pagination import id_param

router = Router(tags=["clockboard"])


class ClockFiguresOut(Schema):
    finished: int
    on_time: int
    late: int
    on_time_percent: float | None
    median_workdays: float | None
    p90_workdays: int | None
    overdue: int | None
    running: int | None
    paused: int | None


class ClockRuleOut(Schema):
    rule: str
    label: str
    module: str
    module_label: str
    limit: str
    basis: str
    figures: ClockFiguresOut


class ClockBoardOut(Schema):
    agency_id: int | None
    agency_name: str
    period_start: str
    period_end: str
    period_label: str
    built_at: str | None
    rules: list[ClockRuleOut]
    total: ClockFiguresOut
    definitions: dict[str, str]


def _figures(s) -> dict:
    return {
        "finished": s.finished, "on_time": s.on_time, "late": s.late,
        "on_time_percent": s.on_time_percent, "median_workdays": s.median_wd,
        "p90_workdays": s.p90_wd, "overdue": s.overdue, "running": s.running,
        "paused": s.paused,
    }  # fmt: skip


@router.get("", response=ClockBoardOut, summary="期限看板（按期办结率、办理用时、当前逾期）")
def get_board(
    request,
    agency_id: int | None = id_param("机关（含下级机关）；不填为全部机关"),
    period: str = Query("", max_length=12, description="12m、y2026 或 q2026-3"),
    since: str = Query("", max_length=10, description="开始日期 YYYY-MM-DD（按结束日期统计）"),
    until: str = Query("", max_length=10, description="结束日期 YYYY-MM-DD"),
):
    agency = None
    if agency_id is not None:
        agency = boards.board_agency(agency_id)
        if agency is None:
            raise NotFound(_("没有这个机关。"))
    chosen, errors = boards.parse_period({"period": period, "since": since, "until": until})
    if errors:
        raise ValidationError({k: [str(v)] for k, v in errors.items()})
    b = boards.board(agency, chosen)
    return {
        "agency_id": agency.pk if agency else None,
        "agency_name": agency.name if agency else "",
        "period_start": chosen.start.isoformat(),
        "period_end": chosen.end.isoformat(),
        "period_label": str(chosen.label),
        "built_at": b.built_at.isoformat() if b.built_at else None,
        "rules": [
            {
                "rule": r.rule,
                "label": str(r.label),
                "module": r.module,
                "module_label": str(r.module_label),
                "limit": r.limit,
                "basis": r.basis,
                "figures": _figures(r.stats),
            }  # fmt: skip
            for r in b.rows
        ],
        "total": _figures(b.total),
        "definitions": {str(term): str(text) for term, text in boards.DEFINITIONS},
    }
