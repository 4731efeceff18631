"""Writes of 重大行政决策: the catalog (决策事项目录) and its adjustments, decisions and their
workflow (decide with the guard on the required steps, the head's override, publication).
Each act checks its permission, writes its audit event in the same transaction and refuses
with a ValidationError naming the field. The steps' records are in steps.py, execution and
evaluation in execution.py."""

import datetime as dt
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.services import start_clock
from sunshine.kernel.moderation.checks import contains_markup
from sunshine.kernel.workflow.services import transition

from .choices import TEXT_MAX, TITLE_MAX, AdjustmentKind, DecisionState
from .indexing import index_decision, index_decisions
from .levels import find_level
from .models import CatalogAdjustment, Decision, DecisionCatalog, DecisionStep
from .rules import EVALUATION
from .workflow import missing_steps

S = DecisionState


def _snapshot(d: Decision) -> dict:
    return {
        "title": d.title,
        "level": d.level,
        "required_steps": list(d.required_steps),
        "lead_agency": d.lead_agency_id,
        "planned_date": d.planned_date.isoformat() if d.planned_date else None,
        "state": d.state,
        "listed": d.listed,
    }


def _clean_text(errors: dict, name: str, value: str, *, required=False, limit=TEXT_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[name] = _("此项必填。")
    elif len(value) > limit:
        errors[name] = _("不能超过%(n)s个字。") % {"n": limit}
    elif contains_markup(value):
        errors[name] = _("不能包含网页代码（HTML）。")
    return value


def _clean_link(errors: dict, name: str, value: str) -> str:
    value = (value or "").strip()
    if value and not value.startswith(("/", "https://", "http://")):
        errors[name] = _("链接须以 / 、http:// 或 https:// 开头。")
    elif len(value) > 500:
        errors[name] = _("链接不能超过500个字符。")
    return value


# --- 决策事项目录 (Art. 3 para. 3: published, adjusted as needed) -----------------------------


@transaction.atomic
def catalog_for(*, actor, agency, year: int) -> DecisionCatalog:
    """The catalog of `agency` for `year`, created (unpublished) the first time."""
    # The access policy reads obj.agency.
    require(actor, "decision.manage", SimpleNamespace(agency=agency))
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("年度无效。")})
    catalog, created = DecisionCatalog.objects.get_or_create(
        agency=agency, year=year, defaults={"created_at": clock.now()}
    )
    if created:
        record_event(action="decision.catalog_create", actor=actor, obj=catalog, agency=agency)
    return catalog


@transaction.atomic
def publish_catalog(*, actor, catalog: DecisionCatalog) -> DecisionCatalog:
    require(actor, "decision.publish", catalog)
    catalog = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
    if catalog.published_at:
        raise ValidationError(_("该目录已公布。"))
    if not catalog.decisions.filter(listed=True).exists():
        raise ValidationError(_("目录中还没有决策事项，不能公布。"))
    catalog.published_at = clock.now()
    catalog.save(update_fields=["published_at"])
    record_event(action="decision.catalog_publish", actor=actor, obj=catalog)
    index_decisions(catalog.decisions.values_list("pk", flat=True))
    return catalog


def _adjustment(catalog, decision, kind, reason, changes, actor) -> None:
    """Once a catalog is public, every change of it is an adjustment with its reason."""
    if catalog is None or catalog.published_at is None:
        return
    if not reason:
        raise ValidationError({"reason": _("目录已公布，调整须填写理由。")})
    CatalogAdjustment.objects.create(
        catalog=catalog,
        decision=decision,
        kind=kind,
        reason=reason,
        changes=changes,
        actor=actor,
        at=clock.now(),
    )


@transaction.atomic
def create_decision(
    *,
    actor,
    agency,
    lead_agency,
    title: str,
    level: str,
    summary: str = "",
    planned_date: dt.date | None = None,
    year: int | None = None,
    reason: str = "",
) -> Decision:
    """A catalog entry of `agency` for `year` (default: the planned date's year, else this
    year), with the steps its level requires (copied: a later change of DECISION_LEVELS does
    not change it). Adding to a published catalog is an adjustment and needs `reason`."""
    errors: dict = {}
    title = _clean_text(errors, "title", title, required=True, limit=TITLE_MAX)
    summary = _clean_text(errors, "summary", summary)
    reason = _clean_text(errors, "reason", reason, limit=2000)
    chosen = find_level(level)
    if chosen is None:
        errors["level"] = _("决策层级无效。")
    if errors:
        raise ValidationError(errors)
    year = year or (planned_date.year if planned_date else clock.today().year)
    catalog = catalog_for(actor=actor, agency=agency, year=year)
    decision = Decision(
        catalog=catalog,
        agency=agency,
        lead_agency=lead_agency,
        title=title,
        summary=summary,
        level=chosen.code,
        required_steps=list(chosen.steps),
        planned_date=planned_date,
        created_by=actor,
        created_at=clock.now(),
    )
    require(actor, "decision.manage", decision)
    decision.save()
    DecisionStep.objects.bulk_create(
        DecisionStep(decision=decision, kind=kind) for kind in decision.required_steps
    )
    _adjustment(catalog, decision, AdjustmentKind.ADD, reason, {"title": [None, title]}, actor)
    record_event(action="decision.create", actor=actor, obj=decision, after=_snapshot(decision))
    index_decision(decision)
    return decision


ADJUSTABLE = ("title", "summary", "planned_date", "lead_agency", "level")


@transaction.atomic
def adjust_decision(*, actor, decision: Decision, reason: str = "", **changes) -> Decision:
    """Change a catalog entry (事项、承办单位、计划完成时间、层级). Once the catalog is public the
    change is an adjustment with its reason (shown on the catalog page). The level may change
    only while drafting; its steps are then those of the new level (records kept)."""
    require(actor, "decision.manage", decision)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    unknown = set(changes) - set(ADJUSTABLE)
    if unknown:
        raise ValueError(f"not adjustable: {sorted(unknown)}")
    errors: dict = {}
    if "title" in changes:
        changes["title"] = _clean_text(
            errors, "title", changes["title"], required=True, limit=TITLE_MAX
        )
    if "summary" in changes:
        changes["summary"] = _clean_text(errors, "summary", changes["summary"])
    reason = _clean_text(errors, "reason", reason, limit=2000)
    new_level = None
    if "level" in changes and changes["level"] != decision.level:
        new_level = find_level(changes["level"])
        if new_level is None:
            errors["level"] = _("决策层级无效。")
        elif decision.state != S.DRAFTING:
            errors["level"] = _("决定作出后不能再调整决策层级。")
    if errors:
        raise ValidationError(errors)
    before = _snapshot(decision)
    diff = {}
    for name, value in changes.items():
        old = getattr(decision, name)
        if old != value:
            diff[name] = [str(old) if old is not None else None, str(value) if value else None]
            setattr(decision, name, value)
    if not diff:
        return decision
    if new_level is not None:
        decision.required_steps = list(new_level.steps)
        have = set(decision.steps.values_list("kind", flat=True))
        DecisionStep.objects.bulk_create(
            DecisionStep(decision=decision, kind=k) for k in new_level.steps if k not in have
        )
    _adjustment(decision.catalog, decision, AdjustmentKind.CHANGE, reason, diff, actor)
    decision.save()
    record_event(
        action="decision.adjust",
        actor=actor,
        obj=decision,
        summary=reason[:300],
        data={"changes": diff},
        before=before,
        after=_snapshot(decision),
    )
    index_decision(decision)
    return decision


@transaction.atomic
def remove_from_catalog(*, actor, decision: Decision, reason: str) -> Decision:
    """Take an entry out of the catalog (it stays on record, with the reason)."""
    require(actor, "decision.manage", decision)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    errors: dict = {}
    reason = _clean_text(errors, "reason", reason, required=True, limit=2000)
    if errors:
        raise ValidationError(errors)
    if not decision.listed:
        raise ValidationError(_("该事项已移出目录。"))
    if decision.state != S.DRAFTING:
        raise ValidationError(_("已作出决定的事项不能移出目录。"))
    before = _snapshot(decision)
    decision.listed = False
    decision.save(update_fields=["listed", "updated_at"])
    _adjustment(
        decision.catalog, decision, AdjustmentKind.REMOVE, reason, {"listed": [True, False]}, actor
    )
    record_event(
        action="decision.remove",
        actor=actor,
        obj=decision,
        summary=reason[:300],
        before=before,
        after=_snapshot(decision),
    )
    index_decision(decision)
    return decision


# --- Workflow --------------------------------------------------------------------------------


@transaction.atomic
def decide(*, actor, decision: Decision, decision_text: str = "", override_reason: str = ""):
    """作出决定 (Art. 30). Refused with `MissingSteps` (naming them) while a required step is
    not done, unless the head of the government ("decision.override") gives a reason: the
    decision then records who overrode which steps and why, and the audit has an event of its
    own ("decision.override")."""
    errors: dict = {}
    decision_text = _clean_text(errors, "decision_text", decision_text)
    override_reason = _clean_text(errors, "override_reason", override_reason, limit=2000)
    if errors:
        raise ValidationError(errors)
    missing = missing_steps(decision)
    if missing and override_reason:
        require(actor, "decision.override", decision)
    overridden = missing if override_reason else []
    log = transition(
        obj=decision,
        name="decide",
        actor=actor,
        comment=override_reason if overridden else "",
        data={
            "decision_text": decision_text,
            "override_reason": override_reason,
            "missing_steps": overridden,
        },
        set_fields={
            "decision_text": decision_text,
            "decided_at": clock.now(),
            "override_reason": override_reason if overridden else "",
            "override_by": actor if overridden else None,
        },
    )
    if overridden:
        record_event(
            action="decision.override",
            actor=actor,
            obj=decision,
            summary=override_reason[:300],
            data={"missing_steps": overridden, "reason": override_reason},
        )
    index_decision(decision)
    return log


@transaction.atomic
def publish_decision(
    *,
    actor,
    decision: Decision,
    record_url: str = "",
    interpretation: str = "",
    interpretation_url: str = "",
):
    """公布 (Art. 32): the decision with its 解读 (text or a link to the interpretation) and the
    link to the published document; starts the 决策后评估 clock (Art. 36, rule
    decision.evaluation)."""
    errors: dict = {}
    record_url = _clean_link(errors, "record_url", record_url)
    interpretation_url = _clean_link(errors, "interpretation_url", interpretation_url)
    interpretation = _clean_text(errors, "interpretation", interpretation)
    if errors:
        raise ValidationError(errors)
    log = transition(
        obj=decision,
        name="publish",
        actor=actor,
        set_fields={
            "published_at": clock.now(),
            "record_url": record_url,
            "interpretation": interpretation,
            "interpretation_url": interpretation_url,
        },
    )
    start_clock(obj=decision, rule=EVALUATION, agency=decision.agency, actor=actor)
    index_decision(decision)
    return log


@transaction.atomic
def withdraw(*, actor, decision: Decision, comment: str):
    """终止 a decision still being drafted (the reason is required and kept)."""
    log = transition(obj=decision, name="withdraw", actor=actor, comment=comment)
    index_decision(decision)
    return log
