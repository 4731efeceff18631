"""信息处理费 (国办函〔2020〕109号): the fee notice, which stops the reply clock, and the
applicant's 20-wd payment clock (foi.payment), counted from the day the applicant receives the
notice (Art. 7) — the notice day for an online applicant (it reaches the account at once), else
the day the office records; then the payment, which restarts the reply clock. The amounts come
from fees.py."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import pause_clock, resume_clock, start_clock

from . import fees
from .choices import Channel, FeeMethod, RequestState
from .models import InfoRequest
from .rules import CORRECTION_NOTICE, PAYMENT, REPLY
from .services import (
    _lock,
    _must_be,
    _snapshot,
    _stop_if_open,
    tell_applicant,
)

S = RequestState


@transaction.atomic
def issue_fee_notice(
    *,
    request: InfoRequest,
    actor,
    method: str,
    pages: int = 0,
    notice_received_on: dt.date | None = None,
) -> InfoRequest:
    """收费通知: by count (this application's rank in the applicant's month) or by volume (its
    pages). The reply clock stops meanwhile. The applicant has 20 wd to pay from the day the
    notice is received: an online applicant receives it now; for a letter the office gives the
    day (now or later with record_fee_notice_received)."""
    require(actor, "foi.handle", request)
    _lock(request)
    _must_be(request, S.RECEIVED)
    if method not in FeeMethod.values:
        raise ValidationError({"method": [_("请选择收费方式。")]})
    if request.fee_notified_on is not None:
        raise ValidationError(_("该申请已发出过收费通知。"))
    try:
        pages = int(pages or 0)
    except (TypeError, ValueError):
        pages = -1
    if pages < 0:
        raise ValidationError({"pages": [_("页数应为不小于0的整数。")]})
    amount = fees.fee_for(method, items_this_month=request.items_this_month, pages=pages)
    if amount <= 0:
        raise ValidationError(_("按所选方式计算，该申请在免费范围内，无需收费。"))
    before, today = _snapshot(request), clock.today()
    if request.channel == Channel.ONLINE:
        notice_received_on = today
    elif notice_received_on is not None and notice_received_on != today:
        raise ValidationError(
            {"notice_received_on": [_("收费通知今天发出，送达日期只能是今天或以后另行登记。")]}
        )
    request.fee_method, request.fee_pages, request.fee_amount = method, pages, amount
    request.fee_notified_on = today
    request.fee_notice_received_on = notice_received_on
    request.state = S.PAYMENT
    request.save()
    _stop_if_open(request, CORRECTION_NOTICE, actor=actor, outcome="not_needed")
    pause_clock(clock=open_clock(request, REPLY), actor=actor, reason=_("缴费"), authorize=False)
    if notice_received_on is not None:
        start_clock(
            obj=request, rule=PAYMENT, agency=request.agency, start=notice_received_on, actor=actor
        )
    tell_applicant(
        request,
        event="foi.fee_notice",
        subject=_("政府信息公开申请 %(n)s 收费通知") % {"n": request.number},
        body=_("按%(method)s，本申请应缴纳信息处理费 %(amount)s 元，请在20个工作日内缴纳。")
        % {"method": FeeMethod(method).label, "amount": amount},
    )
    record_event(
        action="foi.fee_notice",
        actor=actor,
        obj=request,
        summary=f"{amount} 元",
        data={"method": method, "pages": pages, "amount": amount},
        before=before,
        after=_snapshot(request),
    )
    return request


@transaction.atomic
def record_fee_notice_received(*, request: InfoRequest, actor, received_on: dt.date) -> InfoRequest:
    """The day a posted or handed-over fee notice reached the applicant (a signed receipt):
    the 20 wd to pay run from the day after it."""
    require(actor, "foi.handle", request)
    _lock(request)
    _must_be(request, S.PAYMENT)
    if request.fee_notice_received_on is not None:
        raise ValidationError(_("已登记收费通知送达日期。"))
    if received_on is None or not request.fee_notified_on <= received_on <= clock.today():
        raise ValidationError({"received_on": [_("送达日期应在收费通知日期与今天之间。")]})
    before = _snapshot(request)
    request.fee_notice_received_on = received_on
    request.save(update_fields=["fee_notice_received_on", "updated_at"])
    start_clock(obj=request, rule=PAYMENT, agency=request.agency, start=received_on, actor=actor)
    record_event(
        action="foi.fee_notice_received",
        actor=actor,
        obj=request,
        data={"received_on": received_on.isoformat()},
        before=before,
        after=_snapshot(request),
    )
    return request


@transaction.atomic
def record_payment(*, request: InfoRequest, actor) -> InfoRequest:
    require(actor, "foi.handle", request)
    _lock(request)
    _must_be(request, S.PAYMENT)
    before = _snapshot(request)
    request.fee_paid_on = clock.today()
    request.state = S.RECEIVED
    request.save(update_fields=["fee_paid_on", "state", "updated_at"])
    _stop_if_open(request, PAYMENT, actor=actor, outcome="paid")
    resume_clock(clock=open_clock(request, REPLY), actor=actor, authorize=False)
    record_event(
        action="foi.payment",
        actor=actor,
        obj=request,
        summary=f"{request.fee_amount} 元",
        before=before,
        after=_snapshot(request),
    )
    return request
