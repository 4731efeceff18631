"""XLSX export of a run: 排名 (rank, agency, total, weighted score, last year's, change),
指标得分 (one column per indicator: points), 指标值 (the measured values) and 依据 (every
evidence item with its URL and flag). Built directly when small; through the kernel FileJob
(a background task, the page polls) when the run has more lines than LARGE_LINES or more
evidence rows than LARGE_EVIDENCE (a year of 100,000 clocks gives tens of thousands of
evidence rows: seconds of work, never inside a request)."""

import io
from decimal import Decimal

from django.db.models import Sum, Value
from django.db.models.functions import Least
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sunshine.kernel.files.filejobs import claim_job, fail_job, finish_job, start_file_job
from sunshine.kernel.files.tables import safe_cell

from .models import IndicatorScore, ScoreRun
from .providers import EVIDENCE_LIMIT
from .selectors import export_rows, previous_run

LARGE_LINES = 3000  # agencies × indicators above which the export runs in the background
LARGE_EVIDENCE = 2000  # evidence rows above which it does too (openpyxl: ~10k rows a second)
JOB_KIND = "scores.export"


def file_name(run: ScoreRun) -> str:
    return f"scores-{run.year}-run{run.pk}.xlsx"


def _bold(ws) -> None:
    for cell in ws[1]:
        cell.font = Font(bold=True)


def _num(value):
    return float(value) if isinstance(value, Decimal) else value


def _text(value) -> str:
    """Text from the records (titles, names): never a formula (formula injection)."""
    return safe_cell(value)


def build_workbook(run: ScoreRun, agency_ids, *, base_url: str = "") -> bytes:
    indicators = run.snapshot["indicators"]
    before = previous_run(run)
    previous = {}
    if before is not None:
        previous = dict(
            before.scores.filter(agency_id__in=agency_ids).values_list("agency_id", "total")
        )
    wb = Workbook()
    ranking = wb.active
    ranking.title = _("排名")
    ranking.append(
        [_("名次"), _("单位"), _("得分"), _("折算绩效分"), _("参评分值"), _("上年得分"), _("增减")]
    )
    points = wb.create_sheet(_("指标得分"))
    points.append(
        [_("单位")] + [_text(f"{i['name']}（{i['weight']}）") for i in indicators] + [_("得分")]
    )
    values = wb.create_sheet(_("指标值"))
    values.append([_("单位")] + [_text(i["name"]) for i in indicators])
    evidence = wb.create_sheet(_("依据"))
    evidence.append([_("单位"), _("指标"), _("编号"), _("事项"), _("标记"), _("链接")])
    for score in export_rows(run, agency_ids):
        prev = previous.get(score.agency_id)
        ranking.append(
            [
                score.rank,
                _text(score.agency.name),
                _num(score.total),
                _num(score.weighted),
                _num(score.applicable_weight),
                _num(prev),
                _num(score.total - prev) if prev is not None else None,
            ]
        )
        lines = {line.code: line for line in score.lines.all()}
        points.append(
            [_text(score.agency.name)]
            + [_num(lines[i["code"]].points) if i["code"] in lines else None for i in indicators]
            + [_num(score.total)]
        )
        values.append(
            [_text(score.agency.name)]
            + [_num(lines[i["code"]].value) if i["code"] in lines else None for i in indicators]
        )
        for line in lines.values():
            for item in line.evidence:
                url = item.get("url") or ""
                evidence.append(
                    [
                        _text(score.agency.name),
                        _text(line.name),
                        _text(item.get("id", "")),
                        _text(item.get("label", "")),
                        _text(item.get("flag", "")),
                        _text(base_url + url if url else ""),
                    ]
                )
    for ws in (ranking, points, values, evidence):
        _bold(ws)
        ws.freeze_panes = "B2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def evidence_rows(run: ScoreRun, agency_ids) -> int:
    """The 依据 sheet's rows for these agencies (the stored evidence, EVIDENCE_LIMIT a line)."""
    found = IndicatorScore.objects.filter(
        agency_score__run=run, agency_score__agency_id__in=agency_ids
    ).aggregate(rows=Sum(Least("evidence_count", Value(EVIDENCE_LIMIT))))
    return found["rows"] or 0


def is_large(run: ScoreRun, agency_count: int, agency_ids=None) -> bool:
    if agency_count * max(len(run.snapshot.get("indicators", [])), 1) > LARGE_LINES:
        return True
    return agency_ids is not None and evidence_rows(run, agency_ids) > LARGE_EVIDENCE


def start_export_job(actor, run: ScoreRun, agency_ids, *, base_url: str = ""):
    from .tasks import export_run_task

    return start_file_job(
        kind=JOB_KIND,
        title=_("考核得分导出：%(title)s") % {"title": run.scheme.title},
        actor=actor,
        task=export_run_task,
        agency=run.scheme.agency,
        params={"run": run.pk, "agencies": list(agency_ids), "base_url": base_url},
        total=len(agency_ids),
    )


def run_export_job(job_id: int) -> dict:
    job = claim_job(job_id)
    if job is None:
        return {"skipped": job_id}
    run = ScoreRun.objects.filter(pk=job.params.get("run")).select_related("scheme").first()
    if run is None:
        fail_job(job_id, error=_("该考核计算已不存在。"))
        return {"failed": job_id}
    data = build_workbook(
        run, job.params.get("agencies", []), base_url=job.params.get("base_url", "")
    )
    finish_job(
        job_id,
        report={"agencies": len(job.params.get("agencies", []))},
        result=(file_name(run), data),
    )
    return {"done": job_id}
