"""Writes of the key-item register (actions): each checks the permission, applies the rule and
writes its audit event in the same transaction; a refusal is a ValidationError naming the field
or a PermissionDenied. An agency edits only its own items (keyitem.edit on the item's agency).

Flow: registered (登记中) → submitted: when a cross-check is required (assigned by the general
office, or by the government's rule, config.py) it goes to the checking unit (交叉审核中,
crosscheck.py), else it proceeds (实施中) → completed (已完成). Stages, milestones (planned and
actual dates), spending records and the approval chain of a large spending are kept on it."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.governance.powers.choices import PowerKind
from sunshine.governance.powers.selectors import versions_in_force
from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.workflow.services import transition

from . import validation as v
from .choices import TEXT_MAX, TITLE_MAX, KeyItemKind, KeyItemState, ReviewState, StageState
from .config import config_for
from .models import (
    ApprovalStep,
    KeyItem,
    KeyItemSetting,
    Milestone,
    SpendingRecord,
    Stage,
    StageReview,
)

K = KeyItemKind
EDITABLE = (KeyItemState.DRAFT, KeyItemState.RETURNED)
OPEN = (KeyItemState.DRAFT, KeyItemState.RETURNED, KeyItemState.CHECKING, KeyItemState.IN_PROGRESS)


def licensing_item_for(agency, item_id):
    """The 行政许可 item `item_id` of the agency's 权力清单 in force today, or None."""
    try:
        item_id = int(item_id)
    except (TypeError, ValueError):
        return None
    return (
        versions_in_force()
        .filter(item__agency=agency, item__kind=PowerKind.LICENSING, item_id=item_id)
        .first()
    )


def service_item_exists(code: str) -> bool:
    """Whether the service hall has an item with this code (read by app label, not imported:
    the service hall is another domain)."""
    try:
        model = apps.get_model("service_catalog", "ServiceItem")
    except LookupError:
        return False
    return model._default_manager.filter(code=code).exists()


def _clean_item(agency, data: dict, *, kind: str) -> dict:
    """The checked fields of an item of `kind` for `agency` (ValidationError naming them)."""
    errors: dict[str, list[str]] = {}
    cfg = config_for(agency)
    if kind not in cfg.kinds:
        errors["kind"] = [_("本级政府未将该类型列入重要职权事项。")]
    out = {
        "title": v.text(errors, "title", data.get("title"), label=_("事项名称"),
                        max_length=TITLE_MAX, required=True),
        "summary": v.text(errors, "summary", data.get("summary"), label=_("事项概要"),
                          max_length=TEXT_MAX),
        "responsible": v.text(errors, "responsible", data.get("responsible"),
                              label=_("责任处室及负责人"), max_length=200),
        "basis": v.text(errors, "basis", data.get("basis"), label=_("依据"), max_length=TEXT_MAX,
                        required=kind in (K.ENFORCEMENT, K.APPROVAL)),
        "planned_start": v.date(errors, "planned_start", data.get("planned_start"),
                                label=_("计划开始日期")),
        "planned_end": v.date(errors, "planned_end", data.get("planned_end"),
                              label=_("计划完成日期")),
        "budget": None, "amount": None, "purpose": "", "power_item": None,
        "power_item_name": "", "service_code": "",
    }  # fmt: skip
    v.order(errors, "planned_start", out["planned_start"], "planned_end", out["planned_end"],
            message=_("计划完成日期不能早于计划开始日期。"))  # fmt: skip
    if kind == K.PROJECT:
        out["budget"] = v.amount(errors, "budget", data.get("budget"), label=_("总投资/预算"),
                                 required=True)  # fmt: skip
    if kind == K.SPENDING:
        out["amount"] = v.amount(errors, "amount", data.get("amount"), label=_("金额"),
                                 required=True)  # fmt: skip
        out["purpose"] = v.text(errors, "purpose", data.get("purpose"), label=_("资金用途"),
                                max_length=TEXT_MAX, required=True)  # fmt: skip
        if out["amount"] is not None and out["amount"] < cfg.large_spending_threshold:
            errors.setdefault("amount", []).append(
                _("金额低于本级政府的大额资金标准（%(t)s），不属于大额资金使用。")
                % {"t": v.yuan(cfg.large_spending_threshold)}
            )
    if kind == K.APPROVAL:
        version = licensing_item_for(agency, data.get("power_item_id"))
        if version is None:
            errors["power_item_id"] = [_("请选择本机关权力清单中现行有效的行政许可事项。")]
        else:
            out["power_item"] = version.item
            out["power_item_name"] = version.name
        code = str(data.get("service_code") or "").strip()
        if not code and version is not None and service_item_exists(version.service_code):
            code = version.service_code  # the power list's link, when the hall has the item
        elif code and not service_item_exists(code):
            errors["service_code"] = [
                _("政务服务事项编码“%(c)s”不存在，请核对。") % {"c": code[:40]}
            ]
        out["service_code"] = code[:40]
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def register_item(*, actor, agency, kind, is_public=False, **data) -> KeyItem:
    """登记 an important power item of `agency` (in 登记中)."""
    require(actor, "keyitem.edit", agency)
    if kind not in K.values:
        raise ValidationError({"kind": [_("请选择事项类型。")]})
    fields = _clean_item(agency, data, kind=kind)
    now = clock.now()
    item = KeyItem.objects.create(
        agency=agency,
        kind=kind,
        is_public=bool(is_public),
        created_at=now,
        updated_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
        **fields,
    )
    record_event(
        action="keyitem.register",
        actor=actor,
        obj=item,
        summary=_("登记重要职权事项：%(t)s") % {"t": item.title},
        data={"kind": kind, "budget": str(item.budget or ""), "amount": str(item.amount or "")},
    )
    return item


def _lock(item: KeyItem) -> KeyItem:
    return KeyItem.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def update_item(*, actor, item: KeyItem, **data) -> KeyItem:
    """Correct the register entry while it is 登记中 or 退回修改."""
    require(actor, "keyitem.edit", item)
    item = _lock(item)
    if item.state not in EDITABLE:
        raise ValidationError(_("只有登记中或退回修改的事项可以修改登记内容。"))
    fields = _clean_item(item.agency, data, kind=item.kind)
    before = {name: str(getattr(item, name)) for name in fields}
    for name, value in fields.items():
        setattr(item, name, value)
    if "is_public" in data:
        item.is_public = bool(data["is_public"])
    item.updated_at = clock.now()
    item.save()
    record_event(
        action="keyitem.update",
        actor=actor,
        obj=item,
        summary=_("修改重要职权事项：%(t)s") % {"t": item.title},
        before=before,
        after={name: str(getattr(item, name)) for name in fields},
    )
    return item


def rule_requires_check(item: KeyItem) -> str:
    """Why the government's rule requires a cross-check of `item` ("" when it does not)."""
    cfg = config_for(item.agency)
    if item.kind in cfg.crosscheck_kinds:
        return _("本级政府规定%(k)s一律交叉审核") % {"k": item.get_kind_display()}
    over = cfg.crosscheck_spending_over
    if item.kind == K.SPENDING and over is not None and item.amount and item.amount > over:
        return _("大额资金使用金额超过%(t)s，须交叉审核") % {"t": v.yuan(over)}
    return ""


@transaction.atomic
def submit_item(*, actor, item: KeyItem) -> KeyItem:
    """提交: the item proceeds (实施中), or, when a cross-check is required, goes to the
    checking unit first (交叉审核中; its clock starts, crosscheck.py)."""
    from . import crosscheck

    require(actor, "keyitem.edit", item)
    item = _lock(item)
    if item.state == KeyItemState.CHECKING:
        raise ValidationError(_("该事项正在内部交叉审核中，审核通过后方可实施。"))
    if item.state not in EDITABLE:
        raise ValidationError(_("只有登记中或退回修改的事项可以提交。"))
    if item.kind == K.SPENDING and not item.approvals.exists():
        raise ValidationError(_("大额资金使用须先录入审批链（至少一个审批环节）再提交。"))
    check = crosscheck.open_round_on_submit(item=item, actor=actor)
    item.submitted_at = clock.now()
    item.updated_at = item.submitted_at
    item.save(update_fields=["submitted_at", "updated_at", "requires_crosscheck"])
    name = "submit_for_check" if check is not None else "proceed"
    transition(obj=item, name=name, actor=actor, authorize=False)
    item.refresh_from_db()
    if item.state == KeyItemState.IN_PROGRESS:
        mark_published_on_proceed(item)
    return item


@transaction.atomic
def complete_item(*, actor, item: KeyItem) -> KeyItem:
    require(actor, "keyitem.edit", item)
    if StageReview.objects.filter(group__item=item, state=ReviewState.PENDING).exists():
        raise ValidationError(_("专家组还有阶段意见未出具，不能办结。"))
    transition(obj=item, name="complete", actor=actor, set_fields={"completed_at": clock.now()})
    item.refresh_from_db()
    return item


@transaction.atomic
def set_public(*, actor, item: KeyItem, is_public: bool) -> KeyItem:
    """Decide whether the item may be published (公众监督 pages). Published once it has
    proceeded (实施中 or 已完成); the first publication is dated."""
    require(actor, "keyitem.edit", item)
    item = _lock(item)
    item.is_public = bool(is_public)
    if (
        item.is_public
        and item.published_at is None
        and item.state
        in (
            KeyItemState.IN_PROGRESS,
            KeyItemState.COMPLETED,
        )
    ):
        item.published_at = clock.now()
    item.updated_at = clock.now()
    item.save(update_fields=["is_public", "published_at", "updated_at"])
    record_event(
        action="keyitem.publish" if item.is_public else "keyitem.unpublish",
        actor=actor,
        obj=item,
        summary=(_("公开重要职权事项：%(t)s") if item.is_public else _("取消公开：%(t)s"))
        % {"t": item.title},
    )
    return item


def mark_published_on_proceed(item: KeyItem) -> None:
    if item.is_public and item.published_at is None:
        item.published_at = clock.now()
        item.save(update_fields=["published_at"])


def _require_progress(actor, item: KeyItem) -> KeyItem:
    require(actor, "keyitem.edit", item)
    item = _lock(item)
    if item.state not in OPEN:
        raise ValidationError(_("已完成的事项不能再修改进度。"))
    return item


@transaction.atomic
def add_stage(*, actor, item: KeyItem, name, planned_start=None, planned_end=None) -> Stage:
    item = _require_progress(actor, item)
    errors: dict[str, list[str]] = {}
    name = v.text(errors, "name", name, label=_("阶段名称"), max_length=100, required=True)
    start = v.date(errors, "planned_start", planned_start, label=_("计划开始"))
    end = v.date(errors, "planned_end", planned_end, label=_("计划完成"))
    v.order(errors, "planned_start", start, "planned_end", end,
            message=_("计划完成日期不能早于计划开始日期。"))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    order = (item.stages.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    stage = Stage.objects.create(
        item=item, order=order, name=name, planned_start=start, planned_end=end
    )
    record_event(action="keyitem.stage", actor=actor, obj=item,
                 summary=_("增加阶段：%(n)s") % {"n": name}, data={"stage": stage.pk})  # fmt: skip
    return stage


@transaction.atomic
def set_stage_state(*, actor, stage: Stage, state, on=None) -> Stage:
    """Start (进行中) or finish (已完成) a stage on `on` (today)."""
    _require_progress(actor, stage.item)
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    errors: dict[str, list[str]] = {}
    day = v.date(errors, "on", on, label=_("日期")) or clock.today()
    if state not in (StageState.ACTIVE, StageState.DONE):
        errors["state"] = [_("请选择阶段状态。")]
    elif day > clock.today():
        errors["on"] = [_("日期不能晚于今天。")]
    elif state == StageState.DONE and stage.actual_start and day < stage.actual_start:
        errors["on"] = [_("完成日期不能早于实际开始日期。")]
    if errors:
        raise ValidationError(errors)
    before = stage.state
    if state == StageState.ACTIVE:
        stage.actual_start = day
    else:
        stage.actual_start = stage.actual_start or day
        stage.actual_end = day
    stage.state = state
    stage.save()
    record_event(action="keyitem.stage_state", actor=actor, obj=stage.item,
                 summary=_("阶段“%(n)s”：%(s)s") % {"n": stage.name, "s": stage.get_state_display()},
                 before={"state": before}, after={"state": state, "on": day.isoformat()})  # fmt: skip
    return stage


@transaction.atomic
def add_milestone(*, actor, item: KeyItem, name, planned_on, stage_id=None, note="") -> Milestone:
    item = _require_progress(actor, item)
    errors: dict[str, list[str]] = {}
    name = v.text(errors, "name", name, label=_("里程碑"), max_length=200, required=True)
    planned = v.date(errors, "planned_on", planned_on, label=_("计划日期"), required=True)
    note = v.text(errors, "note", note, label=_("说明"), max_length=300)
    stage = None
    if stage_id not in (None, ""):
        stage = item.stages.filter(pk=stage_id).first()
        if stage is None:
            errors["stage_id"] = [_("该阶段不属于本事项。")]
    if errors:
        raise ValidationError(errors)
    milestone = Milestone.objects.create(
        item=item, stage=stage, name=name, planned_on=planned, note=note
    )
    record_event(action="keyitem.milestone", actor=actor, obj=item,
                 summary=_("增加里程碑：%(n)s（计划 %(d)s）") % {"n": name, "d": planned},
                 data={"milestone": milestone.pk})  # fmt: skip
    return milestone


@transaction.atomic
def reach_milestone(*, actor, milestone: Milestone, actual_on, note=None) -> Milestone:
    """Record the actual date a milestone was reached."""
    _require_progress(actor, milestone.item)
    errors: dict[str, list[str]] = {}
    day = v.date(errors, "actual_on", actual_on, label=_("实际日期"), required=True)
    if day and day > clock.today():
        errors["actual_on"] = [_("实际日期不能晚于今天。")]
    if note is not None:
        note = v.text(errors, "note", note, label=_("说明"), max_length=300)
    if errors:
        raise ValidationError(errors)
    milestone.actual_on = day
    if note is not None:
        milestone.note = note
    milestone.save()
    record_event(action="keyitem.milestone_reached", actor=actor, obj=milestone.item,
                 summary=_("里程碑“%(n)s”实际完成：%(d)s") % {"n": milestone.name, "d": day},
                 data={"milestone": milestone.pk, "planned_on": milestone.planned_on.isoformat(),
                       "actual_on": day.isoformat()})  # fmt: skip
    return milestone


@transaction.atomic
def record_spending(
    *, actor, item: KeyItem, spent_on, amount, purpose, payee="", voucher=""
) -> SpendingRecord:
    """A payment of a project (or of a large spending); the total may not pass the budget
    (or the approved amount) without a new registration."""
    item = _require_progress(actor, item)
    errors: dict[str, list[str]] = {}
    day = v.date(errors, "spent_on", spent_on, label=_("支出日期"), required=True)
    money = v.amount(errors, "amount", amount, label=_("金额"), required=True)
    purpose = v.text(errors, "purpose", purpose, label=_("用途"), max_length=300, required=True)
    payee = v.text(errors, "payee", payee, label=_("收款单位"), max_length=200)
    voucher = v.text(errors, "voucher", voucher, label=_("凭证号"), max_length=60)
    if day and day > clock.today():
        errors.setdefault("spent_on", []).append(_("支出日期不能晚于今天。"))
    cap = item.budget if item.kind == K.PROJECT else item.amount
    if money is not None and cap is not None:
        spent = sum((s.amount for s in item.spendings.all()), start=money)
        if spent > cap:
            errors.setdefault("amount", []).append(
                _("累计支出（%(s)s）将超过%(what)s（%(c)s）。")
                % {"s": v.yuan(spent), "c": v.yuan(cap),
                   "what": _("预算") if item.kind == K.PROJECT else _("批准金额")}
            )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    record = SpendingRecord.objects.create(
        item=item, spent_on=day, amount=money, purpose=purpose, payee=payee, voucher=voucher,
        recorded_at=clock.now(), recorded_by=actor,
    )  # fmt: skip
    record_event(action="keyitem.spending", actor=actor, obj=item,
                 summary=_("录入资金支出：%(a)s，%(p)s") % {"a": v.yuan(money), "p": purpose},
                 data={"spending": record.pk, "amount": str(money), "on": day.isoformat()})  # fmt: skip
    return record


@transaction.atomic
def add_approval(
    *, actor, item: KeyItem, role, approver_name, decided_on, opinion=""
) -> ApprovalStep:
    """One step of a large spending's approval chain, in order (while it is registered)."""
    require(actor, "keyitem.edit", item)
    item = _lock(item)
    if item.state not in EDITABLE:
        raise ValidationError(_("审批链只能在登记中或退回修改时录入。"))
    if item.kind != K.SPENDING:
        raise ValidationError(_("只有大额资金使用事项有审批链。"))
    errors: dict[str, list[str]] = {}
    role = v.text(errors, "role", role, label=_("审批环节"), max_length=100, required=True)
    name = v.text(errors, "approver_name", approver_name, label=_("审批人"), max_length=50,
                  required=True)  # fmt: skip
    day = v.date(errors, "decided_on", decided_on, label=_("审批日期"), required=True)
    opinion = v.text(errors, "opinion", opinion, label=_("审批意见"), max_length=300)
    last = item.approvals.order_by("-order").first()
    if day and last and day < last.decided_on:
        errors.setdefault("decided_on", []).append(
            _("审批日期不能早于上一环节（%(d)s）。") % {"d": last.decided_on}
        )
    if day and day > clock.today():
        errors.setdefault("decided_on", []).append(_("审批日期不能晚于今天。"))
    if errors:
        raise ValidationError(errors)
    step = ApprovalStep.objects.create(
        item=item, order=(last.order if last else 0) + 1, role=role, approver_name=name,
        decided_on=day, opinion=opinion, recorded_at=clock.now(), recorded_by=actor,
    )  # fmt: skip
    record_event(action="keyitem.approval", actor=actor, obj=item,
                 summary=_("审批链：%(r)s %(n)s（%(d)s）") % {"r": role, "n": name, "d": day},
                 data={"step": step.pk, "order": step.order})  # fmt: skip
    return step


@transaction.atomic
def configure_government(
    *,
    actor,
    government,
    kinds=(),
    large_spending_threshold=None,
    crosscheck_spending_over=None,
    crosscheck_kinds=(),
    crosscheck_agency=None,
) -> KeyItemSetting:
    """A government's own kinds, 大额 threshold and cross-check rule (keyitem.configure)."""
    require(actor, "keyitem.configure", government)
    errors: dict[str, list[str]] = {}
    if government.kind != "government":
        errors["government"] = [_("只有人民政府可以设置重要职权事项标准。")]
    kinds = [k for k in K.values if k in (kinds or ())]
    crosscheck_kinds = [k for k in K.values if k in (crosscheck_kinds or ())]
    threshold = v.amount(errors, "large_spending_threshold", large_spending_threshold,
                         label=_("大额资金标准"))  # fmt: skip
    over = v.amount(errors, "crosscheck_spending_over", crosscheck_spending_over,
                    label=_("须交叉审核的金额"))  # fmt: skip
    if crosscheck_agency is not None and not crosscheck_agency.is_within(government):
        errors["crosscheck_agency"] = [_("审核单位应为本级政府所属机关。")]
    if errors:
        raise ValidationError(errors)
    row, _created = KeyItemSetting.objects.update_or_create(
        government=government,
        defaults={
            "kinds": kinds,
            "large_spending_threshold": threshold,
            "crosscheck_spending_over": over,
            "crosscheck_kinds": crosscheck_kinds,
            "crosscheck_agency": crosscheck_agency,
            "updated_at": clock.now(),
            "updated_by": actor,
        },
    )
    record_event(
        action="keyitem.configure",
        actor=actor,
        obj=government,
        summary=_("设置重要职权事项标准：%(g)s") % {"g": government.name},
        after={"kinds": kinds, "large_spending_threshold": str(threshold or ""),
               "crosscheck_spending_over": str(over or ""), "crosscheck_kinds": crosscheck_kinds,
               "crosscheck_agency": getattr(crosscheck_agency, "pk", None)},
    )  # fmt: skip
    return row
