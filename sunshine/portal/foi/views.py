"""依申请公开 on the portal: the guide per agency (/ysqgk/<agency>/: how to apply, where, the
fees from the domain's fee module, the time limits), the online form (signed-in citizens and
enterprises; refused input is kept), and "my requests" with the reply letter. Thin: reads
through the foi selectors, writes through its services."""

from urllib.parse import quote

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from sunshine.disclosure.foi import calculator, fees, receipts, selectors, services
from sunshine.kernel.accounts.forms import save_form
from sunshine.kernel.deadlines.rules import get_rule
from sunshine.kernel.orgs.selectors import public_agencies

from ..answers import matching as answer_matching
from ..pagecache import anonymous_page_cache, render_context
from .forms import ApplyForm, DeadlineForm, EstimateForm, SupplyForm
from .status import request_tracker

COLUMN = {
    "current_column": "ysqgk",
    "column_name": gettext_lazy("依申请公开"),
    "column_type": gettext_lazy("依申请公开"),
}


def _agency(agency_id):
    agency = selectors.guide_agency(agency_id)
    if agency is None:
        raise Http404(_("没有该机关。"))
    return agency


def _limits() -> list[dict]:
    return [
        {"rule": get_rule(name), "name": name}
        for name in ("foi.correction_notice", "foi.third_party", "foi.reply", "foi.payment")
    ]


@anonymous_page_cache
def agency_list(request):
    context = {**COLUMN, "article_title": _("依申请公开"), "agencies": public_agencies()}
    return render(request, "portal/foi/agencies.html", render_context(request, context))


@anonymous_page_cache
def guide(request, agency_id):
    agency = _agency(agency_id)
    context = {
        **COLUMN,
        "article_title": _("%(agency)s政府信息公开申请指南") % {"agency": agency.name},
        "content_source": agency.name,
        "agency": agency,
        "limits": _limits(),
        "count_tiers": fees.count_tiers(),
        "volume_tiers": fees.volume_tiers(),
        "fee_basis": fees.LEGAL_BASIS,
        "estimate": _estimate(request),
        "deadline": _deadline(request),
    }
    return render(request, "portal/foi/guide.html", render_context(request, context))


def _deadline(request):
    """The deadline calculator (server-side, the same answer as GET /api/v1/foi/deadline)."""
    data = request.GET if "received" in request.GET else None
    form = DeadlineForm(data)
    result = None
    if data is not None:
        try:
            result = calculator.calculate(data)
        except ValidationError as exc:
            form.is_valid()
            for field, messages in exc.message_dict.items():
                form.add_error(field, messages)
    return {"form": form, "result": result}


def _estimate(request, default_items: int = 1):
    """The estimator (server-side; the page's script only refreshes it without a reload)."""
    data = request.GET if "pages" in request.GET or "items_this_month" in request.GET else None
    form = EstimateForm(data or None, initial={"items_this_month": default_items, "pages": 0})
    items = (data or {}).get("items_this_month") or default_items
    pages = (data or {}).get("pages") or 0
    result = None
    try:
        result = fees.estimate(items_this_month=items, pages=pages)
    except ValidationError as exc:
        form.is_valid()
        for field, messages in exc.message_dict.items():
            form.add_error(field, messages)
    return {"form": form, "result": result}


def _initial(user) -> dict:
    if user.kind == user.Kind.ENTERPRISE:
        return {
            "applicant_type": "business",
            "applicant_name": user.enterprise_name,
            "credit_code": user.credit_code,
            "contact_person": user.display_name,
            "phone": user.mobile,
            "email": user.email,
        }
    return {
        "applicant_type": "natural_person",
        "applicant_name": user.display_name,
        "id_number": user.id_number,
        "phone": user.mobile,
        "email": user.email,
    }


def _apply_estimate(form, agency, user) -> dict:
    """The estimate inside the form: by count from the server's "本月第N件", by volume from the
    pages typed (a bad number is an error on that field; nothing else is touched)."""
    pages = form.data.get("pages", "") if form.is_bound else ""
    try:
        result = receipts.estimate_for_applicant(agency=agency, applicant=user, pages=pages)
    except ValidationError as exc:
        form.is_valid()
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        result = None
    return {"result": result, "api": reverse("api:fee_estimate")}


@never_cache
def apply(request, agency_id):
    agency = _agency(agency_id)
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.is_government_staff:
        raise Http404(_("工作人员请在工作台登记申请。"))
    matches = []
    estimating = request.method == "POST" and "estimate" in request.POST
    if request.method == "POST":
        form = ApplyForm(request.POST)
        # 估算费用 (the form's second button, for browsers without the script): the same page
        # again with everything typed kept and the estimate shown; nothing is submitted.
        if not estimating and form.is_valid():
            # 公开答复库: matching public answers are shown first; the confirmed resubmit goes on.
            matches = answer_matching.answers_to_show(request.POST, form.cleaned_data, agency)
            created = None
            if not matches:
                created = save_form(
                    form,
                    lambda **_data: services.submit_online_request(
                        applicant=user, agency=agency, **form.application()
                    ),
                )
            if created is not None:
                return redirect("portal:foi_receipt", created.pk)
    else:
        form = ApplyForm(initial=_initial(user))
    nth = receipts.month_rank(agency=agency, applicant=user)
    context = {
        **COLUMN,
        "article_title": _("在线申请政府信息公开"),
        "agency": agency,
        "form": form,
        "nth": nth,
        "by_count": fees.fee_by_count(nth),
        "estimate": _apply_estimate(form, agency, user),
        "estimated": estimating,
        **answer_matching.context(matches, getattr(form, "cleaned_data", None)),
    }
    return render(request, "portal/foi/apply.html", render_context(request, context))


@never_cache
def receipt(request, pk):
    """回执: what was received, when, the legal reply date (the reply clock's), the steps, what
    happens next, and the PDF."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = _mine(request, pk)
    context = {
        **COLUMN,
        "article_title": _("申请已提交"),
        "item": item,
        "receipt": receipts.receipt_for(item),
        "tracker": request_tracker(item),  # the portal's shared tracker (partials/tracker.html)
    }
    return render(request, "portal/foi/receipt.html", render_context(request, context))


@never_cache
def receipt_pdf(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = _mine(request, pk)
    response = HttpResponse(receipts.render_receipt_pdf(item), content_type="application/pdf")
    name = f"回执-{item.number}.pdf"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
def my_requests(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    items = selectors.requests_of_applicant(request.user)[:100]
    context = {**COLUMN, "article_title": _("我的申请"), "items": items}
    return render(request, "portal/foi/my_list.html", render_context(request, context))


def _mine(request, pk):
    item = selectors.request_for_applicant(request.user, pk)
    if item is None:
        raise Http404(_("该申请不存在。"))
    return item


@never_cache
def my_detail(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = _mine(request, pk)
    form = None
    if item.state == item.State.CORRECTION:
        form = SupplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            done = save_form(
                form,
                lambda text: services.supply_correction(
                    request=item, actor=request.user, text=text
                ),
            )
            if done is not None:
                return redirect("portal:foi_my_detail", item.pk)
    context = {
        **COLUMN,
        "article_title": item.number,
        "item": item,
        "corrections": list(item.corrections.all()),
        "form": form,
        "deadlines": selectors.applicant_deadlines(item),
    }
    return render(request, "portal/foi/my_detail.html", render_context(request, context))


def my_letter(request, pk, kind):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = _mine(request, pk)
    field = {"pdf": item.letter_pdf, "docx": item.letter_docx}.get(kind)
    if not field:
        raise Http404(_("告知书尚未生成。"))
    response = FileResponse(
        field.open("rb"), as_attachment=True, filename=f"告知书-{item.number}.{kind}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
