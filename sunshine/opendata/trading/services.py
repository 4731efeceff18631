"""Writes of 公共资源交易 complaints (投诉) and 黑名单 records (imports: harvest.py). Each checks
the permission, applies the rule, and writes its audit event in the same transaction; a refusal
is a ValidationError naming the field, or a PermissionDenied.

Complaint flow (政府采购质疑和投诉办法, 财政部令第94号): a bidder files it (收到; the 5-wd
review clock `trading.complaint_accept` starts) → the supervising agency accepts it (受理; the
30-wd decision clock `trading.complaint_decide` starts, counted from receipt, Art. 28) or rejects
it with the reason (不予受理, Art. 21) → the decision (投诉事项成立 / 不成立 / 驳回, Arts 29–32),
published on the project page with the reason for a rejection. The time for inspection, expert
review or 补正 is not counted (Art. 28 ¶2): the decision clock is paused and resumed. The
complainant may withdraw before the decision (Art. 30)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import pause_clock, resume_clock, start_clock, stop_clock
from sunshine.kernel.moderation.checks import contains_markup
from sunshine.kernel.orgs.codes import validate_credit_code

from .choices import COMPLAINT_TEXT_MAX, BlacklistState, ComplaintOutcome, ComplaintState
from .models import Announcement, BlacklistEntry, Complaint, TradingProject
from .rules import ACCEPT, DECIDE

S = ComplaintState


def _text(value, name, *, required=True, max_length=COMPLAINT_TEXT_MAX) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({name: [_("此项必填。")]})
    if len(text) > max_length:
        raise ValidationError({name: [_("不能超过%(n)s个字。") % {"n": max_length}]})
    if contains_markup(text):
        raise ValidationError({name: [_("不能包含网页代码（HTML）。")]})
    return text


def _collect(checks) -> dict:
    """Run every (name, check) and raise one ValidationError with all the problems."""
    values, errors = {}, {}
    for name, check in checks:
        try:
            values[name] = check()
        except ValidationError as exc:
            errors.update(exc.message_dict if hasattr(exc, "error_dict") else {name: exc.messages})
    if errors:
        raise ValidationError(errors)
    return values


def _credit(value, name="credit_code", *, required=False) -> str:
    code = str(value or "").strip().upper()
    if not code:
        if required:
            raise ValidationError({name: [_("此项必填。")]})
        return ""
    try:
        validate_credit_code(code)
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from None
    return code


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update().select_related("project__agency").get(pk=complaint.pk)
    )


def _require_state(complaint, *states, message) -> None:
    if complaint.state not in states:
        raise ValidationError(message)


@transaction.atomic
def file_complaint(*, complainant, project: TradingProject, announcement_id=None, **data):
    """A bidder (a logged-in citizen or enterprise user, not staff) files a complaint against a
    project; received now; the 5-wd review clock starts."""
    if not getattr(complainant, "is_authenticated", False):
        raise PermissionDenied(_("请先登录后再投诉。"))
    if getattr(complainant, "is_government_staff", False):
        raise PermissionDenied(_("工作人员不能以投诉人身份提交投诉。"))
    values = _collect(
        [
            (
                "complainant_name",
                lambda: _text(data.get("complainant_name"), "complainant_name", max_length=200),
            ),  # fmt: skip
            ("credit_code", lambda: _credit(data.get("credit_code"))),
            ("contact", lambda: _text(data.get("contact"), "contact", max_length=40)),
            ("matters", lambda: _text(data.get("matters"), "matters")),
            ("facts", lambda: _text(data.get("facts"), "facts")),
            ("request_text", lambda: _text(data.get("request_text"), "request_text")),
            ("challenge", lambda: _text(data.get("challenge"), "challenge")),
        ]
    )
    announcement = None
    if announcement_id:
        announcement = Announcement.objects.filter(pk=announcement_id, project=project).first()
        if announcement is None:
            raise ValidationError({"announcement": [_("所选公告不属于该项目。")]})
    now = clock.now()
    complaint = Complaint.objects.create(
        project=project,
        announcement=announcement,
        complainant=complainant,
        received_at=now,
        updated_at=now,
        **values,
    )
    start_clock(obj=complaint, rule=ACCEPT, agency=project.agency, actor=complainant, start=now)
    record_event(
        action="trading.complaint_file",
        actor=complainant,
        obj=complaint,
        agency=project.agency,
        summary=_("收到投诉：%(p)s") % {"p": project.code},
    )
    return complaint


def _stop(complaint, rule, actor, outcome) -> bool | None:
    running = open_clock(complaint, rule)
    if running is None:
        return None
    return stop_clock(clock=running, actor=actor, outcome=outcome, authorize=False).met_deadline


@transaction.atomic
def accept_complaint(*, actor, complaint: Complaint) -> Complaint:
    """受理: the review clock stops; the 30-wd decision clock runs from the day of receipt."""
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    _require_state(complaint, S.RECEIVED, message=_("只有待审查的投诉可以受理。"))
    complaint.state, complaint.accepted_at = S.ACCEPTED, clock.now()
    complaint.handled_by, complaint.updated_at = actor, complaint.accepted_at
    complaint.save()
    _stop(complaint, ACCEPT, actor, _("已受理"))
    start_clock(obj=complaint, rule=DECIDE, actor=actor, start=complaint.received_at)
    record_event(
        action="trading.complaint_accept",
        actor=actor,
        obj=complaint,
        summary=_("受理投诉：%(p)s") % {"p": complaint.project.code},
    )
    return complaint


@transaction.atomic
def reject_complaint(*, actor, complaint: Complaint, reason: str) -> Complaint:
    """不予受理, with the reason (published on the project page)."""
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    _require_state(complaint, S.RECEIVED, message=_("只有待审查的投诉可以不予受理。"))
    complaint.reject_reason = _text(reason, "reason")
    complaint.state, complaint.decided_at = S.REJECTED, clock.now()
    complaint.handled_by, complaint.updated_at = actor, complaint.decided_at
    complaint.decided_late = _stop(complaint, ACCEPT, actor, _("不予受理")) is False
    complaint.save()
    record_event(
        action="trading.complaint_reject",
        actor=actor,
        obj=complaint,
        summary=_("不予受理投诉：%(p)s") % {"p": complaint.project.code},
        data={"reason": complaint.reject_reason[:300]},
    )
    return complaint


@transaction.atomic
def decide_complaint(*, actor, complaint: Complaint, outcome: str, decision: str) -> Complaint:
    """处理决定 (published on the project page); the decision clock says whether on time."""
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    _require_state(complaint, S.ACCEPTED, message=_("只有已受理的投诉可以作出处理决定。"))
    if outcome not in ComplaintOutcome.values:
        raise ValidationError({"outcome": [_("请选择处理结果。")]})
    complaint.decision_text = _text(decision, "decision")
    complaint.outcome, complaint.state = outcome, S.DECIDED
    complaint.decided_at, complaint.handled_by = clock.now(), actor
    complaint.updated_at = complaint.decided_at
    complaint.decided_late = (
        _stop(complaint, DECIDE, actor, ComplaintOutcome(outcome).label) is False
    )
    complaint.save()
    record_event(
        action="trading.complaint_decide",
        actor=actor,
        obj=complaint,
        summary=_("投诉处理决定：%(o)s") % {"o": ComplaintOutcome(outcome).label},
        data={"outcome": outcome, "late": bool(complaint.decided_late)},
    )
    return complaint


@transaction.atomic
def pause_decision(*, actor, complaint: Complaint, reason: str) -> Complaint:
    """检验、检测、鉴定、专家评审 or 补正: not counted in the 30 wd (Art. 28 ¶2)."""
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    _require_state(complaint, S.ACCEPTED, message=_("只有已受理的投诉可以暂停计时。"))
    running = open_clock(complaint, DECIDE)
    if running is None:
        raise ValidationError(_("该投诉没有进行中的处理期限。"))
    pause_clock(clock=running, actor=actor, reason=_text(reason, "reason", max_length=300), authorize=False)  # fmt: skip
    record_event(action="trading.complaint_pause", actor=actor, obj=complaint, summary=reason[:300])
    return complaint


@transaction.atomic
def resume_decision(*, actor, complaint: Complaint) -> Complaint:
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    running = open_clock(complaint, DECIDE)
    if running is None:
        raise ValidationError(_("该投诉没有进行中的处理期限。"))
    resume_clock(clock=running, actor=actor, authorize=False)
    record_event(action="trading.complaint_resume", actor=actor, obj=complaint, summary=_("恢复计时"))  # fmt: skip
    return complaint


@transaction.atomic
def withdraw_complaint(*, actor, complaint: Complaint) -> Complaint:
    """The complainant withdraws before the decision (Art. 30); the clocks stop."""
    complaint = _locked(complaint)
    if complaint.complainant_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("只有投诉人本人可以撤回投诉。"))
    _require_state(complaint, S.RECEIVED, S.ACCEPTED, message=_("已处理的投诉不能撤回。"))
    complaint.state, complaint.withdrawn_at = S.WITHDRAWN, clock.now()
    complaint.updated_at = complaint.withdrawn_at
    complaint.save()
    for rule in (ACCEPT, DECIDE):
        _stop(complaint, rule, actor, _("投诉人撤回"))
    record_event(action="trading.complaint_withdraw", actor=actor, obj=complaint, summary=_("撤回投诉"))  # fmt: skip
    return complaint


# 黑名单 / 失信 records.


def _day(value, name) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or ""))
    except ValueError:
        raise ValidationError({name: [_("日期格式应为 YYYY-MM-DD。")]}) from None


def _blacklist_values(data) -> dict:
    values = _collect(
        [
            ("entity_name", lambda: _text(data.get("entity_name"), "entity_name", max_length=200)),
            ("credit_code", lambda: _credit(data.get("credit_code"), required=True)),
            ("reason", lambda: _text(data.get("reason"), "reason")),
            ("basis", lambda: _text(data.get("basis"), "basis")),
            ("valid_from", lambda: _day(data.get("valid_from"), "valid_from")),
            ("valid_to", lambda: _day(data.get("valid_to"), "valid_to")),
        ]
    )
    if values["valid_to"] < values["valid_from"]:
        raise ValidationError({"valid_to": [_("公布期限的结束日期不能早于开始日期。")]})
    return values


@transaction.atomic
def register_blacklist(*, actor, agency, **data) -> BlacklistEntry:
    require(actor, "trading.blacklist", agency)
    values = _blacklist_values(data)
    entry = BlacklistEntry.objects.create(
        agency=agency, created_by=actor, created_at=clock.now(), **values
    )
    record_event(
        action="trading.blacklist_register",
        actor=actor,
        obj=entry,
        summary=_("登记黑名单：%(n)s") % {"n": entry.entity_name},
        after={k: str(v) for k, v in values.items()},
    )
    return entry


@transaction.atomic
def publish_blacklist(*, actor, entry: BlacklistEntry) -> BlacklistEntry:
    """公布: public from valid_from to valid_to (the page shows it only while in force)."""
    require(actor, "trading.blacklist", entry)
    entry = BlacklistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.state != BlacklistState.DRAFT:
        raise ValidationError(_("只有待公布的记录可以公布。"))
    if entry.valid_to < clock.today():
        raise ValidationError({"valid_to": [_("公布期限已过，无需公布。")]})
    entry.state, entry.published_at = BlacklistState.PUBLISHED, clock.now()
    entry.save(update_fields=["state", "published_at"])
    record_event(
        action="trading.blacklist_publish",
        actor=actor,
        obj=entry,
        summary=_("公布黑名单：%(n)s") % {"n": entry.entity_name},
    )
    return entry


@transaction.atomic
def revoke_blacklist(*, actor, entry: BlacklistEntry, reason: str) -> BlacklistEntry:
    """撤销 (e.g. the decision was set aside, or 信用修复): off the public page at once."""
    require(actor, "trading.blacklist", entry)
    entry = BlacklistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.state == BlacklistState.REVOKED:
        raise ValidationError(_("该记录已撤销。"))
    entry.revoke_reason = _text(reason, "reason")
    entry.state, entry.revoked_at = BlacklistState.REVOKED, clock.now()
    entry.save(update_fields=["state", "revoked_at", "revoke_reason"])
    record_event(
        action="trading.blacklist_revoke",
        actor=actor,
        obj=entry,
        summary=_("撤销黑名单：%(n)s") % {"n": entry.entity_name},
        data={"reason": entry.revoke_reason[:300]},
    )
    return entry
