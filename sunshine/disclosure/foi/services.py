"""Every write to an application before its reply (依申请公开, 条例 Arts 29–35): receiving it,
the 补正 notice and the supplement, third-party consultation, the extension, the fee notice and
the payment. Each act is one transaction that checks the permission, changes the request, moves
its clocks (kernel deadlines) and writes the audit event. The reply, the letters and the
delivery are in replies.py; 行政复议 / 行政诉讼 in remedies.py."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for, open_clock
from sunshine.kernel.deadlines.services import (
    amend_pause_end,
    extend_clock,
    pause_clock,
    restart_clock,
    resume_clock,
    start_clock,
    stop_clock,
)
from sunshine.kernel.workcalendar.calendar import current_calendar

from .choices import Channel, ConsultationOpinion, RequestState
from .models import Correction, InfoRequest, ThirdPartyConsultation
from .rules import CORRECTION_NOTICE, REPLY, THIRD_PARTY
from .validation import check_channel, clean_application, clean_text

S = RequestState

CORRECTION_ANSWER_WD = 15  # the time given to the applicant to supply (agency practice)


def tell_applicant(request: InfoRequest, *, event: str, subject: str, body: str) -> None:
    """Tell the applicant's account (online applications) through the kernel's notify: inbox,
    and e-mail where the account wants it. Letters and counter applications are told on paper."""
    if request.applicant_id is None:
        return
    from django.urls import NoReverseMatch, reverse

    from sunshine.kernel.notify.services import notify

    try:
        url = reverse("portal:foi_my_detail", args=[request.pk])
    except NoReverseMatch:
        url = ""
    notify(
        event=event,
        recipients=[request.applicant],
        subject=subject,
        body=body,
        obj=request,
        url=url,
    )


def _snapshot(request: InfoRequest) -> dict:
    return {
        "state": str(request.state),
        "outcome": request.outcome,
        "extension_days": request.extension_days,
        "fee_method": request.fee_method,
        "fee_amount": request.fee_amount,
    }


def _lock(request: InfoRequest) -> None:
    request.refresh_from_db(from_queryset=InfoRequest.objects.select_for_update())


def _must_be(request: InfoRequest, *states) -> None:
    if request.state not in states:
        raise ValidationError(
            _("该申请当前状态为“%(state)s”，不能执行此操作。")
            % {"state": request.get_state_display()}
        )


def reply_clock(request: InfoRequest) -> Clock | None:
    """The reply clock, open or (after the reply) the last one."""
    return clocks_for(request).filter(rule=REPLY).order_by("-pk").first()


def _stop_if_open(obj, rule: str, *, actor, outcome: str) -> None:
    running = open_clock(obj, rule)
    if running is not None:
        stop_clock(clock=running, actor=actor, outcome=outcome, authorize=False)


def _day(value: dt.date | None, *, field: str, label: str) -> dt.date:
    today = clock.today()
    if value is None:
        return today
    if value > today:
        raise ValidationError({field: [_("%(label)s不能晚于今天。") % {"label": label}]})
    return value


def _next_number(agency, year: int) -> str:
    prefix = f"YSQ{year}-{agency.pk:04d}-"
    last = (
        InfoRequest.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:05d}"


def count_in_month(*, agency, identity: str, day: dt.date) -> int:
    """Applications already received this calendar month from the same applicant (identity
    number or credit code) by this agency — 国办函〔2020〕109号 Art. 4 counts per month."""
    if not identity:
        return 0
    first = day.replace(day=1)
    from django.db.models import Q

    return (
        InfoRequest.objects.filter(agency=agency, received_on__gte=first, received_on__lte=day)
        .filter(Q(id_number=identity) | Q(credit_code=identity))
        .count()
    )


def _create(*, agency, actor, applicant, channel: str, received_on: dt.date, values: dict):
    check_channel(channel)
    cleaned = clean_application(values)
    if not getattr(agency, "is_active", True):
        raise ValidationError(_("该机关已撤销，不能受理申请。"))
    identity = cleaned["id_number"] or cleaned["credit_code"]
    # The agency row serialises the numbering of its applications.
    type(agency).objects.select_for_update().filter(pk=agency.pk).first()
    request = InfoRequest.objects.create(
        agency=agency,
        number=_next_number(agency, received_on.year),
        applicant=applicant,
        channel=channel,
        received_on=received_on,
        items_this_month=count_in_month(agency=agency, identity=identity, day=received_on) + 1,
        state=S.RECEIVED,
        created_at=clock.now(),
        **cleaned,
    )
    # 条例 Art. 33: reply within 20 wd; Art. 30: a 补正 notice within 7 wd — both counted from
    # the day after the received date (Art. 31).
    start_clock(obj=request, rule=REPLY, agency=agency, start=received_on, actor=actor)
    start_clock(obj=request, rule=CORRECTION_NOTICE, agency=agency, start=received_on, actor=actor)
    record_event(
        action="foi.receive",
        actor=actor,
        obj=request,
        summary=request.number,
        data={"channel": channel, "received_on": received_on.isoformat()},
        after=_snapshot(request),
    )
    return request


@transaction.atomic
def submit_online_request(*, applicant, agency, **values) -> InfoRequest:
    """An application through the portal by a signed-in citizen or enterprise account; the
    received date is the day the system confirms it (条例 Art. 31)."""
    if applicant is None or not applicant.is_authenticated or not applicant.is_active:
        raise PermissionDenied(_("请先登录后再提交申请。"))
    if applicant.is_government_staff:
        raise PermissionDenied(_("工作人员账号不能在网上提交依申请公开申请。"))
    return _create(
        agency=agency,
        actor=applicant,
        applicant=applicant,
        channel=Channel.ONLINE,
        received_on=clock.today(),
        values=values,
    )


@transaction.atomic
def receive_request(
    *, actor, agency, channel: str, received_on: dt.date | None = None, **values
) -> InfoRequest:
    """Register an application received in person, by post (the day signed for), by fax or
    otherwise (条例 Art. 31)."""
    require(actor, "foi.handle", agency)
    received_on = _day(received_on, field="received_on", label=_("收到申请日期"))
    return _create(
        agency=agency,
        actor=actor,
        applicant=None,
        channel=channel,
        received_on=received_on,
        values=values,
    )


# --- 补正 (条例 Art. 30) --------------------------------------------------------------------


@transaction.atomic
def send_correction_notice(
    *, request: InfoRequest, actor, items: str, answer_within: int = CORRECTION_ANSWER_WD
) -> Correction:
    """One notice naming everything missing; the reply clock stops until the supplement."""
    require(actor, "foi.handle", request)
    _lock(request)
    _must_be(request, S.RECEIVED)
    if request.corrections.exists():
        raise ValidationError(_("补正应一次性告知，该申请已发出过补正通知。"))
    errors: dict = {}
    items = clean_text(items, field="items", label=_("需要补正的事项"), errors=errors)
    if errors:
        raise ValidationError(errors)
    before, today = _snapshot(request), clock.today()
    answer_by, _provisional = current_calendar().add_workdays(today, answer_within)
    correction = Correction.objects.create(
        request=request, items=items, notified_on=today, answer_by=answer_by, created_by=actor
    )
    _stop_if_open(request, CORRECTION_NOTICE, actor=actor, outcome="sent")
    pause_clock(clock=open_clock(request, REPLY), actor=actor, reason=_("补正"), authorize=False)
    request.state = S.CORRECTION
    request.save(update_fields=["state", "updated_at"])
    tell_applicant(
        request,
        event="foi.correction_notice",
        subject=_("政府信息公开申请 %(n)s 需要补正") % {"n": request.number},
        body=_("请于 %(d)s 前补正：%(items)s") % {"d": answer_by.isoformat(), "items": items[:500]},
    )
    record_event(
        action="foi.correction_notice",
        actor=actor,
        obj=request,
        summary=items[:200],
        data={"answer_by": answer_by.isoformat()},
        before=before,
        after=_snapshot(request),
    )
    return correction


@transaction.atomic
def supply_correction(
    *, request: InfoRequest, actor, text: str, received_on: dt.date | None = None
) -> Correction:
    """The corrected application (online by the applicant, that day; or registered by the
    office for a letter or a visit, with the day it was received). 条例 Art. 30: the 20-wd reply
    period is counted again from the day the corrected application is received."""
    is_owner = actor is not None and request.applicant_id and actor.pk == request.applicant_id
    if not is_owner:
        require(actor, "foi.handle", request)
    _lock(request)
    _must_be(request, S.CORRECTION)
    errors: dict = {}
    text = clean_text(text, field="text", label=_("补正内容"), errors=errors)
    correction = request.corrections.order_by("-pk").first()
    if is_owner or received_on is None:
        received_on = clock.today()
    elif received_on > clock.today() or received_on < correction.notified_on:
        errors["received_on"] = [_("收到补正申请的日期应在补正告知日期与今天之间。")]
    if errors:
        raise ValidationError(errors)
    before = _snapshot(request)
    correction.supplied_on, correction.supplied_text = received_on, text
    correction.save(update_fields=["supplied_on", "supplied_text"])
    restart_clock(
        clock=open_clock(request, REPLY),
        actor=actor,
        start=received_on,
        reason=_("收到补正后的申请，答复期限重新计算（条例第三十条）"),
        authorize=False,
    )
    request.state = S.RECEIVED
    request.save(update_fields=["state", "updated_at"])
    record_event(
        action="foi.correction_supplied",
        actor=actor,
        obj=request,
        data={"received_on": received_on.isoformat()},
        before=before,
        after=_snapshot(request),
    )
    return correction


@transaction.atomic
def confirm_complete(*, request: InfoRequest, actor) -> InfoRequest:
    """The application needs no 补正: the 7-wd notice clock ends."""
    require(actor, "foi.handle", request)
    _lock(request)
    _must_be(request, S.RECEIVED)
    _stop_if_open(request, CORRECTION_NOTICE, actor=actor, outcome="not_needed")
    record_event(action="foi.complete", actor=actor, obj=request)
    return request


# --- 第三方意见 (条例 Art. 32) -----------------------------------------------------------------


@transaction.atomic
def consult_third_party(
    *, request: InfoRequest, actor, third_party: str, contact: str = ""
) -> ThirdPartyConsultation:
    require(actor, "foi.handle", request)
    _lock(request)
    _must_be(request, S.RECEIVED)
    errors: dict = {}
    third_party = clean_text(
        third_party, field="third_party", label=_("第三方名称"), errors=errors, max_length=100
    )
    contact = clean_text(
        contact,
        field="contact",
        label=_("联系方式"),
        errors=errors,
        required=False,
        max_length=200,
    )
    if errors:
        raise ValidationError(errors)
    before = _snapshot(request)
    consultation = ThirdPartyConsultation.objects.create(
        request=request, third_party=third_party, contact=contact, sent_on=clock.today()
    )
    _stop_if_open(request, CORRECTION_NOTICE, actor=actor, outcome="not_needed")
    pause_clock(
        clock=open_clock(request, REPLY), actor=actor, reason=_("征求第三方意见"), authorize=False
    )
    start_clock(
        obj=consultation, rule=THIRD_PARTY, agency=request.agency, start=clock.now(), actor=actor
    )
    request.state = S.THIRD_PARTY
    request.save(update_fields=["state", "updated_at"])
    record_event(
        action="foi.third_party",
        actor=actor,
        obj=request,
        summary=third_party,
        data={"consultation": consultation.pk},
        before=before,
        after=_snapshot(request),
    )
    return consultation


@transaction.atomic
def record_third_party_opinion(
    *,
    consultation: ThirdPartyConsultation,
    actor,
    opinion: str,
    note: str = "",
    answered_on: dt.date | None = None,
) -> ThirdPartyConsultation:
    """The third party's answer, received on `answered_on` (default today); the reply clock
    runs again from that day. An answer received within the 15 wd ends the pause that day,
    even when it is registered after the pause had ended by itself (the pause is shortened).
    An answer received after the 15 wd is recorded for the decision but moves no clock."""
    request = consultation.request
    require(actor, "foi.handle", request)
    _lock(request)
    if opinion not in ConsultationOpinion.values or opinion == ConsultationOpinion.PENDING:
        raise ValidationError({"opinion": [_("请选择第三方意见。")]})
    errors: dict = {}
    note = clean_text(note, field="note", label=_("说明"), errors=errors, required=False)
    answered_on = answered_on or clock.today()
    if answered_on > clock.today() or answered_on < consultation.sent_on:
        errors["answered_on"] = [_("第三方答复日期应在征求意见日期与今天之间。")]
    if errors:
        raise ValidationError(errors)
    window = clocks_for(consultation).filter(rule=THIRD_PARTY).order_by("-pk").first()
    in_time = window is not None and answered_on <= window.due_date
    if not in_time:
        lapse_silent_consultations(request=request)
    consultation.refresh_from_db()
    if not consultation.lapsed:
        _must_be(request, S.THIRD_PARTY)
    before = _snapshot(request)
    consultation.opinion, consultation.note = opinion, note
    consultation.replied_on = answered_on
    if consultation.lapsed:
        reply = open_clock(request, REPLY)
        amended = in_time and reply is not None
        if amended:  # the pause ended when the answer came, not when the 15 wd ran out
            amend_pause_end(
                clock=reply,
                actor=actor,
                at=_resume_moment(answered_on),
                reason=_("第三方在期限内已提出意见（%(d)s）") % {"d": answered_on.isoformat()},
                authorize=False,
            )
            consultation.lapsed = False
        consultation.save(update_fields=["opinion", "note", "replied_on", "lapsed"])
        record_event(
            action="foi.third_party_opinion",
            actor=actor,
            obj=request,
            summary=str(ConsultationOpinion(opinion).label),
            data={"late": not in_time, "answered_on": answered_on.isoformat()},
            before=before,
            after=_snapshot(request),
        )
        return consultation
    consultation.save(update_fields=["opinion", "note", "replied_on"])
    _stop_if_open(consultation, THIRD_PARTY, actor=actor, outcome=opinion)
    resume_clock(
        clock=open_clock(request, REPLY),
        actor=actor,
        authorize=False,
        at=_resume_moment(answered_on),
    )
    request.state = S.RECEIVED
    request.save(update_fields=["state", "updated_at"])
    record_event(
        action="foi.third_party_opinion",
        actor=actor,
        obj=request,
        summary=str(ConsultationOpinion(opinion).label),
        before=before,
        after=_snapshot(request),
    )
    return consultation


def _resume_moment(day: dt.date) -> dt.datetime:
    """A pause that ended on `day`: its end is that day's end, or now when that is today."""
    from sunshine.kernel.workcalendar.calendar import end_of_day

    return min(end_of_day(day), clock.now())


@transaction.atomic
def lapse_silent_consultations(*, request: InfoRequest | None = None) -> int:
    """条例 Art. 32: a third party that has not answered within its 15 wd — the pause ends by
    itself at the end of the 15th working day and the agency decides. Run by the periodic job
    (every few minutes) and before any act on the request, so nothing waits for the job.
    Returns how many consultations lapsed. Idempotent."""
    now = clock.now()
    pending = ThirdPartyConsultation.objects.filter(
        opinion=ConsultationOpinion.PENDING, request__state=S.THIRD_PARTY
    ).select_related("request", "request__agency")
    if request is not None:
        pending = pending.filter(request=request)
    lapsed = 0
    for consultation in pending:
        running = open_clock(consultation, THIRD_PARTY)
        if running is None or running.due_at >= now:
            continue
        with transaction.atomic():
            item = consultation.request
            _lock(item)
            if item.state != S.THIRD_PARTY:
                continue
            before = _snapshot(item)
            consultation.opinion = ConsultationOpinion.NO_REPLY
            consultation.lapsed = True
            consultation.save(update_fields=["opinion", "lapsed"])
            stop_clock(clock=running, actor=None, outcome="no_reply", authorize=False)
            resume_clock(
                clock=open_clock(item, REPLY), actor=None, authorize=False, at=running.due_at
            )
            item.state = S.RECEIVED
            item.save(update_fields=["state", "updated_at"])
            record_event(
                action="foi.third_party_lapsed",
                actor=None,
                obj=item,
                agency=item.agency,
                summary=consultation.third_party,
                data={"consultation": consultation.pk, "due": running.due_date.isoformat()},
                before=before,
                after=_snapshot(item),
            )
            lapsed += 1
    return lapsed


# --- 延期 (条例 Art. 33) ----------------------------------------------------------------------


@transaction.atomic
def extend_request(*, request: InfoRequest, actor, approver, days: int, reason: str):
    """One extension of at most 20 wd, approved by the head of the disclosure office (the
    approver role) and told to the applicant; the rule foi.reply caps it."""
    require(actor, "foi.handle", request)
    from sunshine.kernel.access.policy import can

    if approver is None or not can(approver, "foi.approve_extension", request):
        raise ValidationError({"approver": [_("批准人须为本机关有签发（审批）权限的负责人。")]})
    _lock(request)
    if not request.is_open:
        raise ValidationError(_("该申请已答复，不能延期。"))
    running = open_clock(request, REPLY)
    before = _snapshot(request)
    extend_clock(clock=running, actor=actor, approver=approver, length=days, reason=reason)
    request.extension_days += days
    request.extension_reason = (reason or "").strip()[:300]
    request.extension_approver = approver
    request.save(
        update_fields=["extension_days", "extension_reason", "extension_approver", "updated_at"]
    )
    record_event(
        action="foi.extend",
        actor=actor,
        obj=request,
        summary=request.extension_reason,
        data={"days": days, "approver": approver.pk},
        before=before,
        after=_snapshot(request),
    )
    return request


# The fee notice and the payment (国办函〔2020〕109号) live in payments.py.
from .payments import (  # noqa: E402, F401
    issue_fee_notice,
    record_fee_notice_received,
    record_payment,
)
