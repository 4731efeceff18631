"""内部交叉审核: an item is checked by another unit before it proceeds. The general office
assigns the checking unit (keyitem.assign_crosscheck), or the government's rule requires the
check (config.py: every 大额资金使用 over an amount, or whole kinds) and names the unit (the
government's setting, else its general office). The checking unit signs off or returns with
reasons on the clock `keyitems.crosscheck`; a returned item is corrected and submitted again
(a new round, a new clock).

Nobody checks their own unit: the checking unit is never the item's agency, one of its
sub-units or an agency above it, and whoever signs off or returns must hold no role on the
item's agency (or above it)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.workflow.services import transition

from . import rules
from .choices import TEXT_MAX, CrossCheckBasis, CrossCheckState, KeyItemState
from .config import config_for, government_of
from .links import staff_item_url
from .models import CrossCheck, KeyItem

C = CrossCheckState
EVENT_ASSIGNED = "clock.keyitems.crosscheck"
EVENT_DECIDED = "keyitems.crosscheck.decided"


def is_own_unit(agency, item_agency) -> bool:
    """The same unit, one of its sub-units, or a unit above it."""
    return agency.is_within(item_agency) or item_agency.is_within(agency)


def acts_for_unit(actor, item_agency) -> bool:
    """Whether `actor` holds a role on `item_agency` or above it (it is their own unit)."""
    return any(item_agency.is_within(g.agency) for g in actor.grants.select_related("agency"))


def _refuse_own_unit(agency, item) -> None:
    if is_own_unit(agency, item.agency):
        raise ValidationError(
            {
                "agency": [
                    _(
                        "“%(a)s”是事项所属单位本身或其上下级单位，不能审核本单位的事项，请指派其他单位。"
                    )
                    % {"a": agency.name}
                ]
            }
        )


def office_of(government):
    from sunshine.kernel.orgs.models import Agency

    return Agency.objects.filter(parent=government, kind=Agency.Kind.OFFICE, is_active=True).first()


def rule_agency(item):
    """The unit the government's rule sends checks to: its setting, else its general office;
    None when that would be the item's own unit (the office then assigns another)."""
    from sunshine.kernel.orgs.models import Agency

    cfg = config_for(item.agency)
    agency = None
    if cfg.crosscheck_agency_id:
        agency = Agency.objects.filter(pk=cfg.crosscheck_agency_id).first()
    elif cfg.government_id:
        agency = office_of(government_of(item.agency))
    if agency is None or is_own_unit(agency, item.agency):
        return None
    return agency


def _notify_checkers(check: CrossCheck) -> None:
    from sunshine.kernel.duban.services import agency_staff
    from sunshine.kernel.notify.services import notify

    due = open_clock(check, rules.CROSSCHECK)
    notify(
        event=EVENT_ASSIGNED,
        recipients=agency_staff(check.agency),
        subject=_("交叉审核：%(t)s") % {"t": check.item.title},
        body=_("%(a)s的重要职权事项“%(t)s”请贵单位交叉审核，请于 %(d)s 前签署意见或退回。")
        % {
            "a": check.item.agency.name,
            "t": check.item.title,
            "d": f"{due.due_date:%Y-%m-%d}" if due else "—",
        },  # fmt: skip
        obj=check,
        url=staff_item_url(check.item),
    )


def _start(check: CrossCheck, actor) -> None:
    check.state = C.PENDING
    check.started_at = clock.now()
    check.save(update_fields=["state", "started_at", "agency"])
    start_clock(obj=check, rule=rules.CROSSCHECK, agency=check.agency, start=check.started_at,
                actor=actor)  # fmt: skip
    _notify_checkers(check)


def latest_round(item) -> CrossCheck | None:
    return item.crosschecks.order_by("-round", "-id").first()


def open_round_on_submit(*, item: KeyItem, actor) -> CrossCheck | None:
    """Called by services.submit_item (in its transaction): the round the submitted item waits
    for, started (its clock running) when its unit is known; None when no check is required."""
    from .services import rule_requires_check

    latest = latest_round(item)
    if latest is not None and latest.state == C.WAITING:
        _start(latest, actor)
        item.requires_crosscheck = True
        return latest
    if latest is not None and latest.state == C.RETURNED:
        again = CrossCheck.objects.create(
            item=item, round=latest.round + 1, agency=latest.agency, basis=latest.basis,
            reason=latest.reason, state=C.WAITING, assigned_by=latest.assigned_by,
            assigned_at=clock.now(),
        )  # fmt: skip
        _start(again, actor)
        item.requires_crosscheck = True
        return again
    if latest is not None and latest.state == C.SIGNED_OFF:
        return None
    reason = rule_requires_check(item)
    if not reason:
        return None
    agency = rule_agency(item)
    check = CrossCheck.objects.create(
        item=item, round=1, agency=agency, basis=CrossCheckBasis.RULE, reason=reason[:300],
        state=C.UNASSIGNED, assigned_at=clock.now(),
    )  # fmt: skip
    item.requires_crosscheck = True
    record_event(action="keyitem.crosscheck_rule", actor=actor, obj=item, summary=reason,
                 data={"check": check.pk, "agency": getattr(agency, "pk", None)})  # fmt: skip
    if agency is not None:
        _start(check, actor)
    return check


@transaction.atomic
def assign_crosscheck(*, actor, item: KeyItem, agency, reason="") -> CrossCheck:
    """The general office names the unit that checks `item` before it proceeds."""
    require(actor, "keyitem.assign_crosscheck", item)
    item = KeyItem.objects.select_for_update().get(pk=item.pk)
    if agency is None:
        raise ValidationError({"agency": [_("请选择审核单位。")]})
    _refuse_own_unit(agency, item)
    reason = str(reason or "").strip()[:300]
    latest = latest_round(item)
    if item.state in (KeyItemState.IN_PROGRESS, KeyItemState.COMPLETED):
        raise ValidationError(_("事项已开始实施，交叉审核应在实施前指派。"))
    if latest is not None and latest.state == C.PENDING:
        raise ValidationError(_("该事项正在交叉审核中（%(a)s）。") % {"a": latest.agency.name})
    if item.state == KeyItemState.CHECKING:  # a rule's round waiting for its unit
        check = latest
        check.agency = agency
        check.assigned_by = actor
        check.assigned_at = clock.now()
        _start(check, actor)
    elif latest is not None and latest.state == C.WAITING:
        check = latest
        check.agency, check.assigned_by, check.assigned_at = agency, actor, clock.now()
        check.reason = reason or check.reason
        check.save(update_fields=["agency", "assigned_by", "assigned_at", "reason"])
    else:
        check = CrossCheck.objects.create(
            item=item, round=(latest.round + 1) if latest else 1, agency=agency,
            basis=CrossCheckBasis.OFFICE, reason=reason, state=C.WAITING, assigned_by=actor,
            assigned_at=clock.now(),
        )  # fmt: skip
    item.requires_crosscheck = True
    item.save(update_fields=["requires_crosscheck"])
    record_event(
        action="keyitem.crosscheck_assign",
        actor=actor,
        obj=item,
        summary=_("指派交叉审核：%(t)s → %(a)s") % {"t": item.title, "a": agency.name},
        data={"check": check.pk, "agency": agency.pk, "round": check.round, "reason": reason},
    )
    return check


def _decide(actor, check: CrossCheck) -> CrossCheck:
    # Lock the round only (PostgreSQL refuses FOR UPDATE on the nullable side of the agency join).
    check = (
        CrossCheck.objects.select_for_update(of=("self",))
        .select_related("item", "agency")
        .get(pk=check.pk)
    )
    if check.state != C.PENDING:
        raise ValidationError(_("该交叉审核不在审核中。"))
    require(actor, "keyitem.crosscheck", check)  # on the checking unit (check.agency)
    if acts_for_unit(actor, check.item.agency):
        raise PermissionDenied(_("您在事项所属单位任职，不能审核本单位的事项。"))
    return check


def _finish(check, actor, outcome) -> None:
    running = open_clock(check, rules.CROSSCHECK)
    if running is not None:
        stop_clock(clock=running, actor=actor, outcome=outcome, authorize=False)


def _notify_agency(check: CrossCheck, subject: str, body: str) -> None:
    from sunshine.kernel.duban.services import agency_staff
    from sunshine.kernel.notify.services import notify

    notify(event=EVENT_DECIDED, recipients=agency_staff(check.item.agency), subject=subject,
           body=body, obj=check, url=staff_item_url(check.item))  # fmt: skip


def _findings(value, *, required=True) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationError({"findings": [_("请填写审核意见。")]})
    if len(text) > TEXT_MAX:
        raise ValidationError({"findings": [_("审核意见不能超过 %(n)s 个字。") % {"n": TEXT_MAX}]})
    return text


@transaction.atomic
def sign_off(*, actor, check: CrossCheck, findings) -> CrossCheck:
    """审核通过: the findings are recorded, the item proceeds (实施中)."""
    check = _decide(actor, check)
    check.findings = _findings(findings)
    check.state = C.SIGNED_OFF
    check.decided_by, check.decided_at = actor, clock.now()
    check.save()
    _finish(check, actor, "signed_off")
    transition(obj=check.item, name="checked", actor=actor, authorize=False,
               comment=check.findings[:500])  # fmt: skip
    from .services import mark_published_on_proceed

    check.item.refresh_from_db()
    mark_published_on_proceed(check.item)
    record_event(action="keyitem.crosscheck_sign_off", actor=actor, obj=check.item,
                 summary=_("交叉审核通过：%(t)s（%(a)s）") % {"t": check.item.title, "a": check.agency.name},
                 data={"check": check.pk, "round": check.round, "findings": check.findings})  # fmt: skip
    _notify_agency(check, _("交叉审核通过：%(t)s") % {"t": check.item.title}, check.findings)
    return check


@transaction.atomic
def return_check(*, actor, check: CrossCheck, findings, reasons) -> CrossCheck:
    """退回: the item goes back to its agency with the reasons (required)."""
    check = _decide(actor, check)
    reasons = str(reasons or "").replace("\r\n", "\n").strip()
    errors = {}
    if not reasons:
        errors["reasons"] = [_("退回须写明理由。")]
    elif len(reasons) > TEXT_MAX:
        errors["reasons"] = [_("退回理由不能超过 %(n)s 个字。") % {"n": TEXT_MAX}]
    try:
        findings = _findings(findings, required=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    check.findings, check.return_reasons = findings, reasons
    check.state = C.RETURNED
    check.decided_by, check.decided_at = actor, clock.now()
    check.save()
    _finish(check, actor, "returned")
    transition(obj=check.item, name="sent_back", actor=actor, authorize=False,
               comment=reasons[:500])  # fmt: skip
    record_event(action="keyitem.crosscheck_return", actor=actor, obj=check.item,
                 summary=_("交叉审核退回：%(t)s（%(a)s）") % {"t": check.item.title, "a": check.agency.name},
                 data={"check": check.pk, "round": check.round, "reasons": reasons})  # fmt: skip
    _notify_agency(check, _("交叉审核退回：%(t)s") % {"t": check.item.title}, reasons)
    return check
