"""The reply to an application (条例 Art. 36): the outcome — one leaf of the annual report's
table three — with its reasons, the 告知书 as PDF and DOCX, and the delivery record."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for, open_clock

from . import letters
from .choices import DeliveryMethod, Outcome, RequestState
from .models import InfoRequest
from .rules import PAYMENT
from .services import (
    _lock,
    _snapshot,
    _stop_if_open,
    lapse_silent_consultations,
    tell_applicant,
)
from .validation import clean_text

S = RequestState
# An application waiting for the applicant can only end in the matching 其他处理 leaf.
ALLOWED_WHILE = {
    S.CORRECTION: {Outcome.OTHER_NO_CORRECTION},
    S.PAYMENT: {Outcome.OTHER_NO_PAYMENT},
}


def closing_refusal(request: InfoRequest, outcome: str) -> str:
    """Why `outcome` cannot end the request today ("" when it can): no early closing.
    逾期不补正 only after the time given for 补正 has run out (条例 Art. 30); 逾期未缴费 only after
    the 20 wd counted from the day the fee notice was received (国办函〔2020〕109号 Art. 7);
    补正后仍不明确 only once a corrected application has arrived."""
    today = clock.today()
    if outcome == Outcome.OTHER_NO_CORRECTION:
        correction = request.corrections.order_by("-pk").first()
        if correction is not None and today <= correction.answer_by:
            return _(
                "补正期限（%(d)s）尚未届满，届满后申请人仍未补正的，才能以逾期不补正办结。"
            ) % {"d": correction.answer_by.isoformat()}
    if outcome == Outcome.OTHER_NO_PAYMENT:
        if request.fee_notice_received_on is None:
            return _("尚未登记申请人收到收费通知的日期，缴费期限还未起算，不能以逾期未缴费办结。")
        running = open_clock(request, PAYMENT)
        if running is not None and today <= running.due_date:
            return _(
                "缴费期限（%(d)s）尚未届满，届满后申请人仍未缴费的，才能以逾期未缴费办结。"
            ) % {"d": running.due_date.isoformat()}
    if (
        outcome == Outcome.UNAVAILABLE_UNCLEAR
        and not request.corrections.filter(supplied_on__isnull=False).exists()
    ):
        return _("只有收到补正后的申请、其内容仍不明确时，才能以“补正后申请内容仍不明确”办结。")
    return ""


def _referral(request: InfoRequest, *, referred_agency, name: str, contact: str, errors: dict):
    """Art. 36(五): the responsible agency (chosen from ours or typed) and its contact."""
    if referred_agency is not None:
        name = name or referred_agency.name
    name = clean_text(
        name, field="referred_agency_name", label=_("负责公开的机关"), errors=errors, max_length=100
    )
    contact = clean_text(
        contact,
        field="referred_agency_contact",
        label=_("负责公开的机关联系方式"),
        errors=errors,
        max_length=200,
    )
    if referred_agency is not None and referred_agency.pk == request.agency_id:
        errors["referred_agency"] = [_("负责公开的机关不能是本机关。")]
    request.referred_agency = referred_agency
    request.referred_agency_name, request.referred_agency_contact = name, contact


def _stop_all(request: InfoRequest, *, actor, outcome: str) -> None:
    for rule in ("foi.correction_notice", "foi.payment", "foi.reply"):
        _stop_if_open(request, rule, actor=actor, outcome=outcome)
    for consultation in request.consultations.all():
        _stop_if_open(consultation, "foi.third_party", actor=actor, outcome=outcome)


def store_letters(request: InfoRequest) -> InfoRequest:
    """Typeset the letter (PDF and DOCX) and store both on the request."""
    base = f"foi-{request.number}"
    request.letter_pdf.save(f"{base}.pdf", ContentFile(letters.render_pdf(request)), save=False)
    request.letter_docx.save(f"{base}.docx", ContentFile(letters.render_docx(request)), save=False)
    InfoRequest.objects.filter(pk=request.pk).update(
        letter_pdf=request.letter_pdf.name, letter_docx=request.letter_docx.name
    )
    return request


@transaction.atomic
def reply_to_request(
    *,
    request: InfoRequest,
    actor,
    outcome: str,
    reasons: str = "",
    generate_letters=True,
    referred_agency=None,
    referred_agency_name: str = "",
    referred_agency_contact: str = "",
) -> InfoRequest:
    """答复: record the outcome and its reasons, stop the clocks (on time or not is kept on the
    reply clock) and generate the 告知书. For Art. 36(五) the responsible agency and its
    contact are required and named in the letter."""
    require(actor, "foi.handle", request)
    _lock(request)
    lapse_silent_consultations(request=request)
    request.refresh_from_db()
    if not request.is_open:
        raise ValidationError(_("该申请已答复。"))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": [_("请从年度报告的办理结果中选择一项。")]})
    allowed = ALLOWED_WHILE.get(request.state)
    if request.state == S.THIRD_PARTY:
        raise ValidationError(_("正在征求第三方意见，请先登记第三方意见再答复。"))
    if allowed is not None and outcome not in allowed:
        raise ValidationError(
            {
                "outcome": [
                    _("申请处于“%(state)s”状态，只能以“%(leaves)s”办结。")
                    % {
                        "state": request.get_state_display(),
                        "leaves": "、".join(str(Outcome(o).label) for o in sorted(allowed)),
                    }
                ]
            }
        )
    if request.state == S.RECEIVED and outcome in (
        Outcome.OTHER_NO_CORRECTION,
        Outcome.OTHER_NO_PAYMENT,
    ):
        raise ValidationError(
            {"outcome": [_("该申请没有待补正或待缴费的事项，不能以此结果办结。")]}
        )
    refusal = closing_refusal(request, outcome)
    if refusal:
        raise ValidationError({"outcome": [refusal]})
    errors: dict = {}
    if outcome == Outcome.UNAVAILABLE_OTHER_AGENCY:
        _referral(
            request,
            referred_agency=referred_agency,
            name=referred_agency_name,
            contact=referred_agency_contact,
            errors=errors,
        )
    reasons = clean_text(
        reasons,
        field="reasons",
        label=_("答复理由和说明"),
        errors=errors,
        required=False,
        max_length=5000,
    )
    if outcome in (Outcome.PARTIAL, Outcome.OTHER) and not reasons:
        errors["reasons"] = [_("部分公开和其他处理须写明理由。")]
    if errors:
        raise ValidationError(errors)
    before = _snapshot(request)
    request.outcome, request.reply_text = outcome, reasons
    request.replied_on, request.replied_by = clock.today(), actor
    request.state = S.REPLIED
    request.save()
    _stop_all(request, actor=actor, outcome=outcome)
    record_event(
        action="foi.reply",
        actor=actor,
        obj=request,
        summary=request.outcome_label,
        data={"outcome": outcome},
        before=before,
        after=_snapshot(request),
    )
    if generate_letters:
        store_letters(request)
    tell_applicant(
        request,
        event="foi.reply",
        subject=_("政府信息公开申请 %(n)s 已答复") % {"n": request.number},
        body=_("办理结果：%(outcome)s。答复告知书可在“我的申请”中下载。")
        % {"outcome": request.outcome_label},
    )
    return request


def reply_met_deadline(request: InfoRequest) -> bool | None:
    last = clocks_for(request).filter(rule="foi.reply", state=Clock.State.STOPPED).last()
    return last.met_deadline if last else None


@transaction.atomic
def record_delivery(
    *,
    request: InfoRequest,
    actor,
    method: str,
    delivered_on: dt.date | None = None,
    proof: str = "",
) -> InfoRequest:
    """送达: how and when the letter reached the applicant, with the proof (a tracking number,
    a signed receipt, the e-mail's message id)."""
    require(actor, "foi.handle", request)
    _lock(request)
    if request.state != S.REPLIED:
        raise ValidationError(_("只有已答复的申请可以登记送达。"))
    errors: dict = {}
    if method not in DeliveryMethod.values:
        errors["method"] = [_("请选择送达方式。")]
    delivered_on = delivered_on or clock.today()
    if delivered_on > clock.today() or delivered_on < request.replied_on:
        errors["delivered_on"] = [_("送达日期应在答复日期与今天之间。")]
    proof = clean_text(
        proof,
        field="proof",
        label=_("送达凭证"),
        errors=errors,
        required=method in (DeliveryMethod.POST, DeliveryMethod.EMAIL),
        max_length=200,
    )
    if errors:
        raise ValidationError(errors)
    before = _snapshot(request)
    request.delivery_method, request.delivered_on, request.delivery_proof = (
        method,
        delivered_on,
        proof,
    )
    request.state = S.DELIVERED
    request.save()
    record_event(
        action="foi.deliver",
        actor=actor,
        obj=request,
        summary=f"{request.get_delivery_method_display()} {delivered_on.isoformat()}",
        data={"method": method, "proof": proof},
        before=before,
        after=_snapshot(request),
    )
    return request
