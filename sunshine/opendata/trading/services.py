"""Writes of 公共资源交易 complaints (投诉) and 黑名单 records (imports: harvest.py). Each checks
the permission, applies the rule, and writes its audit event in the same transaction; a refusal
is a ValidationError naming the field, or a PermissionDenied.

Complaint flow (政府采购质疑和投诉办法, 财政部令第94号; 工程建设: 招标投标法实施条例 Art. 61
and 七部委令第11号 — the clocks per kind are in rules.py): a bidder files it (收到; the review
clock starts: 5 wd, 工程建设 3 wd) → the supervising agency may ask once for 补正 (Art. 21 (一):
the review clock pauses until the corrected material arrives) → accepts it (受理; the 30-wd
decision clock starts, counted from receipt, Art. 26, the 补正 time not counted, Art. 27) or
rejects it with the reason (不予受理, Art. 21) → the decision (投诉事项成立 / 不成立 / 驳回,
Arts 29, 31, 32 — from memory, not confirmed: see choices.ComplaintOutcome), published on the project page with the reason for a rejection. The time for
inspection, expert review or 补正 is not counted (Art. 27): the decision clock is paused and
resumed. The complainant may withdraw before the decision (Art. 30). The complainant is told of
each act in the site inbox (and by e-mail, kernel notify)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.rules import get_rule
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import pause_clock, resume_clock, start_clock, stop_clock
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.moderation.checks import contains_markup
from sunshine.kernel.orgs.codes import validate_credit_code

from .choices import COMPLAINT_TEXT_MAX, BlacklistState, ComplaintOutcome, ComplaintState
from .models import Announcement, BlacklistEntry, Complaint, TradingProject
from .rules import ALL as ALL_RULES
from .rules import accept_rule, decide_rule

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


def _awaiting_correction(complaint) -> bool:
    return bool(complaint.correction_requested_at and not complaint.corrected_at)


def _tell_complainant(complaint, event: str, subject: str, body: str) -> None:
    """The written notice the 办法 requires (补正, 不予受理, 受理, 处理决定), in the
    complainant's site inbox and, by default for citizens and enterprises, by e-mail."""
    from django.urls import NoReverseMatch, reverse

    from sunshine.kernel.notify.services import notify

    try:
        url = reverse("portal:trading_my_complaint", args=[complaint.pk])
    except NoReverseMatch:  # the portal is a shell; a domain only knows its URL name
        url = ""
    notify(
        event=event,
        recipients=[complaint.complainant],
        subject=subject,
        body=body,
        obj=complaint,
        url=url,
    )


@transaction.atomic
def file_complaint(*, complainant, project: TradingProject, announcement_id=None, **data):
    """A bidder (a logged-in citizen or enterprise user, not staff) files a complaint against a
    project; received now; the review clock of the project's kind starts (5 wd; 工程建设 3 wd)."""
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
    start_clock(
        obj=complaint,
        rule=accept_rule(project.category),
        agency=project.agency,
        actor=complainant,
        start=now,
    )
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
    """受理: the review clock stops; the 30-wd decision clock runs from the day of receipt (an
    accepted complaint counts as accepted on that day: 94号令 Art. 21 (四), 11号令 Art. 11),
    lengthened by the working days the review clock spent waiting for 补正 (Art. 27)."""
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    _require_state(complaint, S.RECEIVED, message=_("只有待审查的投诉可以受理。"))
    if _awaiting_correction(complaint):
        raise ValidationError(_("投诉人尚未补正，不能受理；逾期未补正的，可以不予受理。"))
    complaint.state, complaint.accepted_at = S.ACCEPTED, clock.now()
    complaint.handled_by, complaint.updated_at = actor, complaint.accepted_at
    complaint.save()
    category = complaint.project.category
    review = open_clock(complaint, accept_rule(category))
    paused = 0
    if review is not None:
        review = stop_clock(clock=review, actor=actor, outcome=_("已受理"), authorize=False)
        paused = review.paused_total
    decide = decide_rule(category)
    start_clock(
        obj=complaint,
        rule=decide,
        actor=actor,
        start=complaint.received_at,
        length=get_rule(decide).length + paused if paused else None,
    )
    record_event(
        action="trading.complaint_accept",
        actor=actor,
        obj=complaint,
        summary=_("受理投诉：%(p)s") % {"p": complaint.project.code},
        data={"correction_wd": paused} if paused else None,
    )
    _tell_complainant(
        complaint,
        "trading.complaint_accepted",
        _("投诉已受理：%(t)s") % {"t": complaint.project.title},
        _("您对“%(t)s”的投诉已于%(d)s受理，监管部门将在法定期限内作出处理决定。")
        % {"t": complaint.project.title, "d": f"{clock.today():%Y-%m-%d}"},
    )
    return complaint


@transaction.atomic
def request_correction(*, actor, complaint: Complaint, items: str, due: dt.date | str):
    """补正 (94号令 Art. 21 (一)): one written notice naming what to correct and a reasonable
    time to do it; the review clock pauses until the corrected material arrives (Art. 27: the
    time is not counted). Not answered in time → 不予受理 (reject_complaint)."""
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    _require_state(complaint, S.RECEIVED, message=_("只有待审查的投诉可以通知补正。"))
    if complaint.correction_requested_at:
        raise ValidationError(_("补正应当一次性告知，该投诉已通知过补正。"))
    values = _collect([("items", lambda: _text(items, "items")), ("due", lambda: _day(due, "due"))])
    if values["due"] <= clock.today():
        raise ValidationError({"due": [_("补正期限应当晚于今天。")]})
    review = open_clock(complaint, accept_rule(complaint.project.category))
    if review is None:
        raise ValidationError(_("该投诉没有进行中的审查期限。"))
    now = clock.now()
    complaint.correction_request, complaint.correction_due = values["items"], values["due"]
    complaint.correction_requested_at, complaint.updated_at = now, now
    complaint.handled_by = actor
    complaint.save()
    pause_clock(clock=review, actor=actor, reason=_("通知补正"), authorize=False)
    record_event(
        action="trading.complaint_correction",
        actor=actor,
        obj=complaint,
        summary=_("通知补正：%(p)s") % {"p": complaint.project.code},
        data={"due": values["due"].isoformat()},
    )
    _tell_complainant(
        complaint,
        "trading.complaint_correction",
        _("请补正投诉材料：%(t)s") % {"t": complaint.project.title},
        _("请于%(d)s前补正以下事项：%(i)s。逾期未补正或补正后仍不符合规定的，不予受理。")
        % {"d": f"{values['due']:%Y-%m-%d}", "i": values["items"]},
    )
    return complaint


@transaction.atomic
def submit_correction(*, actor, complaint: Complaint, text: str, upload=None) -> Complaint:
    """The complainant sends the corrected material (the text, and optionally one file kept
    as a kernel attachment of the complaint); the review clock runs on."""
    complaint = _locked(complaint)
    if complaint.complainant_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("只有投诉人本人可以补正。"))
    _require_state(complaint, S.RECEIVED, message=_("该投诉已审查完毕，无需补正。"))
    if not _awaiting_correction(complaint):
        raise ValidationError(_("该投诉没有待补正的事项。"))
    complaint.correction_text = _text(text, "text")
    if upload is not None:
        try:  # the type and size are checked before anything is stored
            store_attachment(owner=complaint, uploaded_file=upload, actor=actor, extract="no")
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from None
    complaint.corrected_at = complaint.updated_at = clock.now()
    complaint.save()
    review = open_clock(complaint, accept_rule(complaint.project.category))
    if review is not None and review.state == review.State.PAUSED:
        resume_clock(clock=review, actor=actor, authorize=False)
    record_event(
        action="trading.complaint_corrected",
        actor=actor,
        obj=complaint,
        summary=_("投诉人补正：%(p)s") % {"p": complaint.project.code},
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
    rule = accept_rule(complaint.project.category)
    complaint.decided_late = _stop(complaint, rule, actor, _("不予受理")) is False
    complaint.save()
    record_event(
        action="trading.complaint_reject",
        actor=actor,
        obj=complaint,
        summary=_("不予受理投诉：%(p)s") % {"p": complaint.project.code},
        data={"reason": complaint.reject_reason[:300]},
    )
    _tell_complainant(
        complaint,
        "trading.complaint_rejected",
        _("投诉不予受理：%(t)s") % {"t": complaint.project.title},
        _("您对“%(t)s”的投诉不予受理，理由：%(r)s")
        % {"t": complaint.project.title, "r": complaint.reject_reason},
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
        _stop(
            complaint,
            decide_rule(complaint.project.category),
            actor,
            ComplaintOutcome(outcome).label,
        )
        is False
    )
    complaint.save()
    record_event(
        action="trading.complaint_decide",
        actor=actor,
        obj=complaint,
        summary=_("投诉处理决定：%(o)s") % {"o": ComplaintOutcome(outcome).label},
        data={"outcome": outcome, "late": bool(complaint.decided_late)},
    )
    _tell_complainant(
        complaint,
        "trading.complaint_decided",
        _("投诉处理决定：%(t)s") % {"t": complaint.project.title},
        _("您对“%(t)s”的投诉已作出处理决定（%(o)s）：%(d)s")
        % {
            "t": complaint.project.title,
            "o": ComplaintOutcome(outcome).label,
            "d": complaint.decision_text,
        },
    )
    return complaint


@transaction.atomic
def pause_decision(*, actor, complaint: Complaint, reason: str) -> Complaint:
    """检验、检测、鉴定、专家评审 or 补正: not counted in the 30 wd (94号令 Art. 27; 条例 Art. 61)."""
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    _require_state(complaint, S.ACCEPTED, message=_("只有已受理的投诉可以暂停计时。"))
    running = open_clock(complaint, decide_rule(complaint.project.category))
    if running is None:
        raise ValidationError(_("该投诉没有进行中的处理期限。"))
    pause_clock(clock=running, actor=actor, reason=_text(reason, "reason", max_length=300), authorize=False)  # fmt: skip
    record_event(action="trading.complaint_pause", actor=actor, obj=complaint, summary=reason[:300])
    return complaint


@transaction.atomic
def resume_decision(*, actor, complaint: Complaint) -> Complaint:
    require(actor, "trading.complaint", complaint)
    complaint = _locked(complaint)
    running = open_clock(complaint, decide_rule(complaint.project.category))
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
    for rule in ALL_RULES:
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
