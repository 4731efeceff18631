"""行政复议 and 行政诉讼 about an application, with their results (table four of the annual
report: 结果维持, 结果纠正, 其他结果, 尚未审结)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from .choices import CaseResult, LawsuitKind
from .models import InfoRequest, Lawsuit, ReviewCase
from .validation import clean_text


def _check_dates(request: InfoRequest, filed_on: dt.date, errors: dict) -> None:
    if request.replied_on is None:
        errors["filed_on"] = [_("申请尚未答复，不能登记复议或诉讼。")]
    elif filed_on < request.replied_on or filed_on > clock.today():
        errors["filed_on"] = [_("立案日期应在答复日期与今天之间。")]


def _snap(case) -> dict:
    return {"result": case.result, "decided_on": case.decided_on and case.decided_on.isoformat()}


@transaction.atomic
def record_review_case(
    *, request: InfoRequest, actor, review_body: str, filed_on: dt.date, case_number: str = ""
) -> ReviewCase:
    require(actor, "foi.record_case", request)
    errors: dict = {}
    review_body = clean_text(
        review_body, field="review_body", label=_("复议机关"), errors=errors, max_length=100
    )
    _check_dates(request, filed_on, errors)
    if errors:
        raise ValidationError(errors)
    case = ReviewCase.objects.create(
        request=request,
        agency=request.agency,
        review_body=review_body,
        filed_on=filed_on,
        case_number=(case_number or "").strip()[:60],
        created_at=clock.now(),
    )
    record_event(
        action="foi.review_case",
        actor=actor,
        obj=request,
        summary=review_body,
        data={"case": case.pk, "filed_on": filed_on.isoformat()},
    )
    return case


@transaction.atomic
def record_lawsuit(
    *,
    request: InfoRequest,
    actor,
    kind: str,
    court: str,
    filed_on: dt.date,
    case_number: str = "",
) -> Lawsuit:
    require(actor, "foi.record_case", request)
    errors: dict = {}
    if kind not in LawsuitKind.values:
        errors["kind"] = [_("请选择起诉方式（未经复议直接起诉或复议后起诉）。")]
    court = clean_text(court, field="court", label=_("受理法院"), errors=errors, max_length=100)
    _check_dates(request, filed_on, errors)
    if errors:
        raise ValidationError(errors)
    case = Lawsuit.objects.create(
        request=request,
        agency=request.agency,
        kind=kind,
        court=court,
        filed_on=filed_on,
        case_number=(case_number or "").strip()[:60],
        created_at=clock.now(),
    )
    record_event(
        action="foi.lawsuit",
        actor=actor,
        obj=request,
        summary=court,
        data={"case": case.pk, "kind": kind, "filed_on": filed_on.isoformat()},
    )
    return case


@transaction.atomic
def decide_case(
    *, case: ReviewCase | Lawsuit, actor, result: str, decided_on: dt.date, note: str = ""
):
    """The result of a review or a lawsuit (维持 / 纠正 / 其他)."""
    require(actor, "foi.record_case", case.request)
    errors: dict = {}
    if result not in CaseResult.values or result == CaseResult.PENDING:
        errors["result"] = [_("请选择审结结果。")]
    if decided_on < case.filed_on or decided_on > clock.today():
        errors["decided_on"] = [_("审结日期应在立案日期与今天之间。")]
    note = clean_text(note, field="note", label=_("说明"), errors=errors, required=False)
    if errors:
        raise ValidationError(errors)
    before = _snap(case)
    case.result, case.decided_on, case.note = result, decided_on, note
    case.save(update_fields=["result", "decided_on", "note"])
    record_event(
        action="foi.case_result",
        actor=actor,
        obj=case.request,
        summary=str(CaseResult(result).label),
        data={"case": case.pk, "kind": type(case).__name__},
        before=before,
        after=_snap(case),
    )
    return case
