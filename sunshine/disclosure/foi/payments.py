"""信息处理费 (国办函〔2020〕109号): the fee notice, which stops the reply clock and starts the
applicant's 20-wd payment clock (foi.payment), and the payment, which restarts the reply clock.
The amounts come from fees.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.services import pause_clock, resume_clock, start_clock

from . import fees
from .choices import FeeMethod, RequestState
from .models import InfoRequest
from .services import (
    CORRECTION_NOTICE,
    PAYMENT,
    REPLY,
    _lock,
    _must_be,
    _snapshot,
    _stop_if_open,
    open_clock,
    tell_applicant,
)

S = RequestState


@transaction.atomic
def issue_fee_notice(*, request: InfoRequest, actor, method: str, pages: int = 0) -> InfoRequest:
    """收费通知: by count (this application's rank in the applicant's month) or by volume (its
    pages). The applicant has 20 wd to pay; the reply clock stops meanwhile."""
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
    request.fee_method, request.fee_pages, request.fee_amount = method, pages, amount
    request.fee_notified_on = today
    request.state = S.PAYMENT
    request.save()
    _stop_if_open(request, CORRECTION_NOTICE, actor=actor, outcome="not_needed")
    pause_clock(clock=open_clock(request, REPLY), actor=actor, reason=_("缴费"), authorize=False)
    start_clock(obj=request, rule=PAYMENT, agency=request.agency, start=today, actor=actor)
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
