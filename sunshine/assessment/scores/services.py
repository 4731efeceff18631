"""Writes of 政务公开考核: the scheme (validated as a whole), runs requested and computed.

`save_scheme` refuses a scheme whose 政务公开 share is under 4 % of the performance
assessment (seed notice 2016-12-12: 分值权重不低于 4%), whose weights do not add up to 100, or
whose indicators name an unknown source or a formula that does not fit the source's value.
Refusals are a ValidationError keyed by field: "disclosure_share", "weight_2" (row 2), …,
"__all__" for the scheme as a whole — the workbench form's field names.

`request_run` stores a queued ScoreRun with a copy of the scheme (its version, share and
indicators) and enqueues the computation; `compute_run` does the work (in the task, or
directly in tests and the demo): every agency of the organiser's subtree, every indicator
measured by its provider, points and totals by scoring.py, ranks, all stored at once."""

import datetime as dt
import logging
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.orgs.models import Agency

from . import scoring
from .choices import (
    CODE_MAX,
    FORMULAS_FOR,
    MAX_INDICATORS,
    MIN_DISCLOSURE_SHARE,
    NAME_MAX,
    TITLE_MAX,
    TOTAL_WEIGHT,
    FormulaKind,
    RunState,
    ValueKind,
)
from .models import AgencyScore, Indicator, IndicatorScore, Scheme, ScoreRun
from .providers import EVIDENCE_LIMIT, Measure, Period, provider

logger = logging.getLogger(__name__)
_CODE = re.compile(r"^[a-z0-9_.\-]{1," + str(CODE_MAX) + "}$")
INDICATOR_FIELDS = ("code", "name", "provider", "weight", "kind", "target", "per_item")


def _plain(value: Decimal) -> str:
    """90.00 → "90", 3.50 → "3.5" (never "9E+1")."""
    return f"{value.normalize():f}"


def _decimal(raw, *, places: int = 2) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().rstrip("%").strip())
    except (InvalidOperation, ValueError):
        raise ValueError from None
    if not value.is_finite():
        raise ValueError
    return value.quantize(Decimal(1).scaleb(-places))


def clean_scheme(*, year, title, disclosure_share, rows: list[dict]) -> dict:
    """The scheme's values checked and converted; a ValidationError naming every problem."""
    errors: dict[str, list[str]] = {}

    def err(key, message):
        errors.setdefault(key, []).append(message)

    try:
        year = int(year)
        if not 2000 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        err("year", _("考核年度应为2000至2100之间的年份。"))
    title = (title or "").strip()
    if not title:
        err("title", _("请填写方案名称。"))
    elif len(title) > TITLE_MAX:
        err("title", _("方案名称不超过%(n)s个字。") % {"n": TITLE_MAX})
    share = None
    try:
        share = _decimal(disclosure_share)
    except ValueError:
        err("disclosure_share", _("请填写一个数字，例如 5 表示 5%。"))
    if share is None and "disclosure_share" not in errors:
        err("disclosure_share", _("请填写政务公开工作在政府绩效考核中所占的分值权重。"))
    elif share is not None and share < MIN_DISCLOSURE_SHARE:
        err(
            "disclosure_share",
            _(
                "政务公开工作在政府绩效考核中的分值权重不得低于%(min)s%%（《关于推进阳光政务建设"
                "的通知》，2016年12月12日），本方案为%(share)s%%。"
            )
            % {"min": _plain(MIN_DISCLOSURE_SHARE), "share": _plain(share)},
        )
    elif share is not None and share > 100:
        err("disclosure_share", _("分值权重不能超过100%。"))

    clean_rows, codes = [], set()
    if not rows:
        err("__all__", _("请至少设置一项考核指标。"))
    if len(rows) > MAX_INDICATORS:
        err("__all__", _("考核指标不超过%(n)s项。") % {"n": MAX_INDICATORS})
    for n, row in enumerate(rows):
        code = (row.get("code") or "").strip()
        name = (row.get("name") or "").strip()
        key = (row.get("provider") or "").strip()
        kind = (row.get("kind") or "").strip()
        if not _CODE.match(code):
            err(f"code_{n}", _("指标代码用小写字母、数字、点、下划线或连字符。"))
        elif code in codes:
            err(f"code_{n}", _("指标代码“%(code)s”重复。") % {"code": code})
        codes.add(code)
        if not name:
            err(f"name_{n}", _("请填写指标名称。"))
        elif len(name) > NAME_MAX:
            err(f"name_{n}", _("指标名称不超过%(n)s个字。") % {"n": NAME_MAX})
        source = provider(key)
        if source is None:
            err(f"provider_{n}", _("数据来源“%(key)s”未注册。") % {"key": key or "—"})
        weight = target = per_item = None
        try:
            weight = _decimal(row.get("weight"))
        except ValueError:
            pass
        if weight is None or weight <= 0 or weight > TOTAL_WEIGHT:
            err(f"weight_{n}", _("分值应为大于0、不超过100的数字。"))
            weight = None
        if kind not in FormulaKind.values:
            err(f"kind_{n}", _("请选择计分方式。"))
        elif source is not None and kind not in FORMULAS_FOR[source.value_kind]:
            err(
                f"kind_{n}",
                _("“%(kind)s”不适用于该数据来源（%(value)s）。")
                % {
                    "kind": FormulaKind(kind).label,
                    "value": ValueKind(source.value_kind).label,
                },
            )
        try:
            target = _decimal(row.get("target"), places=4)
        except ValueError:
            err(f"target_{n}", _("达标值应为数字。"))
        try:
            per_item = _decimal(row.get("per_item"))
        except ValueError:
            err(f"per_item_{n}", _("每项扣分应为数字。"))
        if kind == FormulaKind.TARGET:
            limit = Decimal(100) if source and source.value_kind == ValueKind.SCORE else Decimal(1)
            if target is None or target <= 0 or target > limit:
                err(
                    f"target_{n}",
                    _("达标值应大于0、不超过%(limit)s（比率填0至1之间的小数，如0.95）。")
                    % {"limit": limit},
                )
        else:
            target = None
        if kind == FormulaKind.DEDUCTION:
            if per_item is None or per_item <= 0:
                err(f"per_item_{n}", _("扣分制指标请填写每项扣分（大于0）。"))
        else:
            per_item = None
        clean_rows.append(
            {
                "code": code,
                "name": name,
                "provider": key,
                "weight": weight,
                "kind": kind,
                "target": target,
                "per_item": per_item,
            }
        )
    weights = [r["weight"] for r in clean_rows]
    if rows and all(w is not None for w in weights):
        total = sum(weights, Decimal(0))
        if total != TOTAL_WEIGHT:
            err(
                "__all__",
                _("各项指标分值合计应为100，现为%(total)s。") % {"total": _plain(total)},
            )
    if errors:
        raise ValidationError(errors)
    return {"year": year, "title": title, "disclosure_share": share, "rows": clean_rows}


def _may_organise(actor, agency) -> None:
    from types import SimpleNamespace

    require(actor, "scores.manage", SimpleNamespace(agency=agency))


@transaction.atomic
def save_scheme(
    actor, *, agency, year, title, disclosure_share, rows: list[dict], scheme: Scheme | None = None
) -> Scheme:
    """Create the organiser's scheme for a year, or replace an existing one's values and
    indicators (its version goes up; runs already stored keep their own copy)."""
    _may_organise(actor, scheme.agency if scheme else agency)
    values = clean_scheme(year=year, title=title, disclosure_share=disclosure_share, rows=rows)
    agency = scheme.agency if scheme else agency
    clash = Scheme.objects.filter(agency=agency, year=values["year"])
    if scheme is not None:
        clash = clash.exclude(pk=scheme.pk)
    if clash.exists():
        raise ValidationError(
            {
                "year": [
                    _("%(agency)s已有%(year)s年度的考核方案。")
                    % {"agency": agency, "year": values["year"]}
                ]
            }
        )
    now = clock.now()
    before = _snapshot(scheme) if scheme else None
    if scheme is None:
        scheme = Scheme(agency=agency, created_by=actor, created_at=now, version=1)
    else:
        scheme.version += 1
    scheme.year, scheme.title = values["year"], values["title"]
    scheme.disclosure_share, scheme.updated_at = values["disclosure_share"], now
    scheme.save()
    scheme.indicators.all().delete()
    Indicator.objects.bulk_create(
        Indicator(scheme=scheme, sort=n, **row) for n, row in enumerate(values["rows"])
    )
    after = _snapshot(scheme)
    record_event(
        action="scores.scheme_saved",
        actor=actor,
        obj=scheme,
        summary=_("考核方案：%(title)s（第%(v)s版）")
        % {"title": scheme.title, "v": scheme.version},
        data={"version": scheme.version, "share": str(scheme.disclosure_share)},
        before=before,
        after=after,
    )
    return scheme


def _num(value) -> str | None:
    return None if value is None else str(value)


def _snapshot(scheme: Scheme) -> dict:
    return {
        "title": scheme.title,
        "year": scheme.year,
        "version": scheme.version,
        "share": str(scheme.disclosure_share),
        "indicators": [
            {
                "code": i.code,
                "name": i.name,
                "provider": i.provider,
                "weight": str(i.weight),
                "kind": i.kind,
                "target": _num(i.target),
                "per_item": _num(i.per_item),
            }
            for i in scheme.indicators.order_by("sort", "pk")
        ],
    }


def default_period_end(year: int) -> dt.date:
    return min(dt.date(year, 12, 31), timezone.localdate(clock.now()))


@transaction.atomic
def request_run(actor, scheme: Scheme, *, period_end: dt.date | None = None) -> ScoreRun:
    """A queued run of the scheme as it is now; the task computes it after the commit."""
    _may_organise(actor, scheme.agency)
    end = period_end or default_period_end(scheme.year)
    if end < dt.date(scheme.year, 1, 1):
        raise ValidationError(
            {"period_end": [_("统计截止日早于考核年度的第一天，尚无可计算的数据。")]}
        )
    run = ScoreRun.objects.create(
        scheme=scheme,
        scheme_version=scheme.version,
        snapshot=_snapshot(scheme),
        year=scheme.year,
        period_start=dt.date(scheme.year, 1, 1),
        period_end=min(end, dt.date(scheme.year, 12, 31)),
        requested_by=actor,
        requested_at=clock.now(),
    )
    record_event(
        action="scores.run_requested",
        actor=actor,
        obj=run,
        agency=scheme.agency,
        summary=_("发起考核计算：%(title)s") % {"title": scheme.title},
        data={"scheme_version": run.scheme_version, "period_end": run.period_end},
    )
    from .tasks import compute_run_task

    pk = run.pk
    transaction.on_commit(lambda: compute_run_task.enqueue(pk), robust=True)
    return run


def scored_agencies(scheme: Scheme):
    """The agencies a scheme assesses: the active agencies under its organiser."""
    return (
        Agency.objects.filter(path__startswith=scheme.agency.path, is_active=True)
        .exclude(pk=scheme.agency_id)
        .order_by("path")
    )


class IndicatorFailed(Exception):
    pass


def _measure(indicator: dict, agency, period: Period) -> tuple[Measure, str]:
    source = provider(indicator["provider"])
    if source is None:
        return Measure(None, note=_("数据来源未注册，不计分")), ValueKind.RATE
    try:
        return source.measure(agency, period), source.value_kind
    except Exception as exc:  # the run fails naming the indicator and agency
        raise IndicatorFailed(f"{indicator['name']} · {agency}: {exc!r}") from exc


def compute_run(run_id: int) -> ScoreRun | None:
    """Compute and store a queued run (idempotent: a run already done is left alone)."""
    with transaction.atomic():
        run = ScoreRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.state == RunState.DONE:
            return run
        run.state, run.error = RunState.RUNNING, ""
        run.save(update_fields=["state", "error"])
    try:
        with transaction.atomic():
            _compute(run)
    except Exception as exc:
        logger.exception("score run %s failed", run_id)
        ScoreRun.objects.filter(pk=run_id).update(state=RunState.FAILED, error=str(exc)[:2000])
        run.refresh_from_db()
        return run
    return run


def _compute(run: ScoreRun) -> None:
    run.scores.all().delete()
    period = Period.of_year(run.year, until=run.period_end)
    indicators = run.snapshot["indicators"]
    share = Decimal(run.snapshot["share"])
    agencies = list(scored_agencies(run.scheme))
    pending = []
    for agency in agencies:
        lines, pairs = [], []
        for n, ind in enumerate(indicators):
            measure, value_kind = _measure(ind, agency, period)
            weight = Decimal(ind["weight"])
            pts = scoring.points(
                kind=ind["kind"],
                weight=weight,
                value=measure.value,
                value_kind=value_kind,
                target=_dec(ind.get("target")),
                per_item=_dec(ind.get("per_item")),
            )
            pairs.append((weight, pts))
            lines.append(
                IndicatorScore(
                    code=ind["code"],
                    name=ind["name"],
                    provider=ind["provider"],
                    kind=ind["kind"],
                    weight=weight,
                    value=measure.value,
                    points=pts,
                    numerator=measure.numerator,
                    denominator=measure.denominator,
                    note=(measure.note or "")[:300],
                    evidence=[e.as_dict() for e in measure.evidence[:EVIDENCE_LIMIT]],
                    evidence_count=len(measure.evidence),
                    sort=n,
                )
            )
        total, applicable = scoring.total(pairs)
        pending.append((agency, total, applicable, lines))
    ranks = scoring.ranks([(a.pk, total) for a, total, _, _ in pending])
    for agency, total, applicable, lines in pending:
        score = AgencyScore.objects.create(
            run=run,
            agency=agency,
            total=total,
            weighted=scoring.weighted(total, share),
            rank=ranks[agency.pk],
            applicable_weight=applicable,
        )
        for line in lines:
            line.agency_score = score
        IndicatorScore.objects.bulk_create(lines)
    run.state, run.computed_at, run.agency_count = RunState.DONE, clock.now(), len(agencies)
    run.save(update_fields=["state", "computed_at", "agency_count"])
    record_event(
        action="scores.run_computed",
        obj=run,
        agency=run.scheme.agency,
        summary=_("考核计算完成：%(n)s个单位") % {"n": len(agencies)},
        data={"scheme_version": run.scheme_version, "period_end": run.period_end},
    )


def _dec(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))
