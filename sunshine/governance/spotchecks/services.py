"""Writes of the spot checks (actions): each checks the permission, applies the rule, and
writes its audit event in the same transaction; a refusal is a ValidationError naming the field
or a PermissionDenied.

Flow: a plan is created (抽查事项 = a 行政检查 item of the agency's 权力清单 in force; a share or
a number of targets; the number announced with it, published on the plan before the draw) →
drawn (draw.py; stored with its inputs; the 20-working-day clock `spotcheck.publish_results`
starts) → a result per drawn target is entered → the results are published (公示; the clock
stops). `verify_draw` re-runs a stored draw from its published inputs."""

import math
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.governance.powers.selectors import inspection_item_for
from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock

from . import draw
from .choices import Outcome, PlanState
from .models import CheckTarget, Inspector, SpotCheckPlan, SpotCheckResult

RULE = "spotcheck.publish_results"
STATE = "state"  # the code of a refusal because of the plan's state (the API's 409)
MAX_PER_TARGET = 5


def _announced(value) -> str:
    text = str(value or "").strip()
    if not text:
        # Six digits from the system's secure random source, published with the plan.
        return f"{secrets.randbelow(10**6):06d}"
    if len(text) > 40 or not text.isdigit():
        raise ValidationError({"announced_number": [_("预先公布的数字应为不超过40位的数字。")]})
    return text


@transaction.atomic
def create_plan(
    *,
    actor,
    agency,
    title,
    check_item_id,
    ratio=None,
    count=None,
    inspectors_per_target=2,
    announced_number="",
) -> SpotCheckPlan:
    require(actor, "spotcheck.manage", agency)
    errors: dict[str, list[str]] = {}
    title = str(title or "").strip()
    if not title:
        errors["title"] = [_("请填写计划名称。")]
    elif len(title) > 200:
        errors["title"] = [_("计划名称不能超过200个字符。")]
    version = inspection_item_for(agency, check_item_id) if check_item_id else None
    if version is None:
        errors["check_item_id"] = [_("请选择本机关权力清单中现行有效的行政检查事项。")]
    if (ratio in (None, "")) == (count in (None, "")):
        errors["__all__"] = [_("请填写抽查比例或抽查数量（二者填一项）。")]
    if ratio not in (None, ""):
        try:
            ratio = Decimal(str(ratio))
            if not (Decimal("0") < ratio <= Decimal("100")):
                raise InvalidOperation
        except InvalidOperation:
            errors["ratio"] = [_("抽查比例应大于0且不超过100。")]
    else:
        ratio = None
    if count not in (None, ""):
        try:
            count = int(count)
            if count < 1:
                raise ValueError
        except (TypeError, ValueError):
            errors["count"] = [_("抽查数量应为正整数。")]
    else:
        count = None
    try:
        per = int(inspectors_per_target)
        if not 1 <= per <= MAX_PER_TARGET:
            raise ValueError
    except (TypeError, ValueError):
        errors["inspectors_per_target"] = [
            _("每户检查人员数应为1至%(n)s人（一般不少于2人）。") % {"n": MAX_PER_TARGET}
        ]
        per = 2
    try:
        number = _announced(announced_number)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    plan = SpotCheckPlan.objects.create(
        agency=agency,
        title=title,
        check_item=version.item,
        check_item_name=version.name,
        ratio=ratio,
        count=count,
        inspectors_per_target=per,
        announced_number=number,
        created_at=clock.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record_event(
        action="spotcheck.plan",
        actor=actor,
        obj=plan,
        summary=_("制定抽查计划：%(t)s") % {"t": title},
        data={"check_item": version.item.code, "ratio": str(ratio or ""), "count": count,
              "per_target": per, "announced_number": number},
    )  # fmt: skip
    return plan


def library_rows(agency) -> tuple[list, list]:
    """The draw's inputs from the agency's libraries (entries in the library now)."""
    targets = [
        [t.pk, t.code, t.unit]
        for t in CheckTarget.objects.filter(agency=agency, is_active=True).order_by("pk")
    ]
    inspectors = [
        [i.pk, i.badge, i.unit, list(i.conflicts)]
        for i in Inspector.objects.filter(agency=agency, is_active=True).order_by("pk")
    ]
    return targets, inspectors


def target_count(plan: SpotCheckPlan, available: int) -> int:
    if plan.count is not None:
        return plan.count
    return max(1, math.ceil(available * plan.ratio / Decimal(100)))


@transaction.atomic
def draw_plan(*, actor, plan: SpotCheckPlan) -> SpotCheckPlan:
    """Draw targets and inspectors (draw.py), store the result with its inputs, start the
    results clock. `actor` None: the system (manage.py spotcheck_draw)."""
    if actor is not None:
        require(actor, "spotcheck.manage", plan.agency)
    plan = SpotCheckPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != PlanState.DRAFT:
        raise ValidationError(_("该计划已经抽取过，不能重新抽取。"), code=STATE)
    targets, inspectors = library_rows(plan.agency)
    if not targets:
        raise ValidationError(_("检查对象名录库为空，请先导入检查对象。"))
    n = target_count(plan, len(targets))
    if n > len(targets):
        raise ValidationError(
            {
                "count": [
                    _("抽查数量（%(n)s）超过名录库中的检查对象数（%(m)s）。")
                    % {"n": n, "m": len(targets)}
                ]
            }
        )
    try:
        result = draw.compute(
            targets,
            inspectors,
            count=n,
            per_target=plan.inspectors_per_target,
            announced_number=plan.announced_number,
        )
    except draw.DrawImpossible as exc:
        name = CheckTarget.objects.get(pk=exc.target_id).name
        raise ValidationError(
            _(
                "检查对象“%(t)s”符合回避规则的检查人员只有 %(e)s 人，少于每户 %(n)s 人，无法抽取。请补充执法检查人员名录库。"
            )
            % {"t": name, "e": exc.eligible, "n": exc.needed}
        ) from exc
    plan.inputs = result["inputs"]
    plan.inputs_digest = result["inputs_digest"]
    plan.seed_hex = result["seed_hex"]
    plan.assignments = result["assignments"]
    plan.python_version = draw.python_version()
    plan.drawn_at = clock.now()
    plan.state = PlanState.DRAWN
    plan.save()
    start_clock(obj=plan, rule=RULE, agency=plan.agency, actor=actor, start=plan.drawn_at)
    record_event(
        action="spotcheck.draw",
        actor=actor,
        obj=plan,
        summary=_("双随机抽取：%(t)s，抽取 %(n)s 户") % {"t": plan.title, "n": n},
        data={
            "inputs_digest": plan.inputs_digest,
            "seed_hex": plan.seed_hex,
            "announced_number": plan.announced_number,
            "assignments": plan.assignments,
        },
    )
    return plan


def verify_draw(plan: SpotCheckPlan) -> dict:
    """Re-run the stored draw from its published inputs and compare: the inputs' digest, the
    seed and the assignments with what is stored, and with what the audit log recorded at the
    draw. {"ok", "problems": [...], "seed_hex", "assignments", ...}."""
    if plan.state == PlanState.DRAFT or not plan.inputs:
        raise ValidationError(_("该计划尚未抽取。"))
    problems = []
    try:
        again = draw.compute_from_inputs(plan.inputs, plan.announced_number)
    except (draw.DrawImpossible, ValueError, KeyError) as exc:
        return {"ok": False, "problems": [f"inputs: {exc}"], "seed_hex": "", "assignments": [],
                "inputs_digest": "", "stored_assignments": plan.assignments}  # fmt: skip
    if again["inputs_digest"] != plan.inputs_digest:
        problems.append("inputs_digest")
    if again["seed_hex"] != plan.seed_hex:
        problems.append("seed_hex")
    if again["assignments"] != plan.assignments:
        problems.append("assignments")
    event = (
        AuditEvent.objects.filter(action="spotcheck.draw", object_id=str(plan.pk))
        .order_by("-seq")
        .first()
    )
    if event is None:
        problems.append("audit: no draw event")
    else:
        for name in ("inputs_digest", "seed_hex"):
            if event.data.get(name) != again[name]:
                problems.append(f"audit: {name}")
        if event.data.get("assignments") != again["assignments"]:
            problems.append("audit: assignments")
    return {
        "ok": not problems,
        "problems": problems,
        "inputs_digest": again["inputs_digest"],
        "seed_hex": again["seed_hex"],
        "assignments": again["assignments"],
        "stored_assignments": plan.assignments,
    }


def _drawn_ids(plan) -> list[int]:
    return [a["target"] for a in plan.assignments]


@transaction.atomic
def enter_result(*, actor, plan, target_id, outcome, note="", checked_on=None) -> SpotCheckResult:
    """Record (or correct, until published) the result of one drawn target."""
    require(actor, "spotcheck.manage", plan.agency)
    plan = SpotCheckPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != PlanState.DRAWN:
        raise ValidationError(_("只有已抽取、结果尚未公示的计划可以录入检查结果。"), code=STATE)
    errors: dict[str, list[str]] = {}
    try:
        target_id = int(target_id)
    except (TypeError, ValueError):
        target_id = None
    if target_id not in _drawn_ids(plan):
        errors["target_id"] = [_("该检查对象不在本计划的抽取结果中。")]
    if outcome not in Outcome.values:
        errors["outcome"] = [_("请选择检查结果。")]
    note = str(note or "").strip()
    if outcome in (Outcome.CORRECTED, Outcome.CASE_OPENED) and not note:
        errors["note"] = [_("发现问题的，请填写处理情况。")]
    checked_on = checked_on or clock.today()
    if plan.drawn_at and checked_on < timezone.localdate(plan.drawn_at):
        errors["checked_on"] = [_("检查日期不能早于抽取日期。")]
    if checked_on > clock.today():
        errors["checked_on"] = [_("检查日期不能晚于今天。")]
    if errors:
        raise ValidationError(errors)
    result, created = SpotCheckResult.objects.update_or_create(
        plan=plan,
        target_id=target_id,
        defaults={
            "outcome": outcome,
            "note": note[:2000],
            "checked_on": checked_on,
            "entered_at": clock.now(),
            "entered_by": actor,
        },
    )
    record_event(
        action="spotcheck.result",
        actor=actor,
        obj=plan,
        summary=_("录入检查结果：%(t)s") % {"t": result.target.name},
        data={"target": target_id, "outcome": outcome, "corrected": not created},
    )
    return result


@transaction.atomic
def publish_results(*, actor, plan) -> SpotCheckPlan:
    """公示: every drawn target has its result; the results become public, the clock stops."""
    require(actor, "spotcheck.manage", plan.agency)
    plan = SpotCheckPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != PlanState.DRAWN:
        raise ValidationError(_("只有已抽取、结果尚未公示的计划可以公示结果。"), code=STATE)
    missing = set(_drawn_ids(plan)) - set(plan.results.values_list("target_id", flat=True))
    if missing:
        raise ValidationError(
            _("还有 %(n)s 户检查对象没有录入检查结果，全部录入后才能公示。") % {"n": len(missing)}
        )
    plan.state = PlanState.PUBLISHED
    plan.published_at = clock.now()
    plan.save(update_fields=["state", "published_at"])
    running = open_clock(plan, RULE)
    if running is not None:
        stop_clock(clock=running, actor=actor, outcome="published", authorize=False)
    record_event(
        action="spotcheck.publish",
        actor=actor,
        obj=plan,
        summary=_("公示抽查结果：%(t)s") % {"t": plan.title},
        data={"results": plan.results.count()},
    )
    return plan
