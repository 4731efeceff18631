"""Staff pages of 依申请公开: the queue (deadline colours from the reply clock), registering a
letter or counter application, the detail page with one form per step (补正, third party,
extension with approval, fee notice, reply with outcome and letters, delivery, 复议 / 诉讼).
Thin: reads through the scoped selectors (what a user may not see is a 404), writes through
the services, whose refusals are shown on the page."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.disclosure.foi import remedies, replies, selectors, services
from sunshine.disclosure.foi.choices import RequestState
from sunshine.kernel import clock
from sunshine.kernel.access.policy import agencies_for, can, can_anywhere
from sunshine.kernel.accounts.models import User
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.deadlines.selectors import clocks_for, with_time_left

from ..access import staff_required
from ..actions import run_action
from ..answers.panel import answers_panel
from . import forms as f
from .registry import may_view

PAGE_SIZE = 30


def _require_view(user):
    if not may_view(user):
        raise PermissionDenied(_("您没有查看依申请公开的权限。"))


def _request(request, pk):
    item = selectors.request_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该申请不存在，或不在您的权限范围内。"))
    return item


@never_cache
@staff_required
def request_list(request):
    _require_view(request.user)
    state = request.GET.get("state", "open")
    if state not in [*RequestState.values, "open", "all"]:
        state = "open"
    q = request.GET.get("q", "").strip()
    items = selectors.staff_requests(
        request.user, state=None if state == "all" else state, q=q or None
    ).order_by(F("reply_due_at").asc(nulls_last=True), "-received_on", "pk")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_reply_urgency(page.object_list)
    context = {
        "page": page,
        "state": state,
        "q": q,
        "states": RequestState.choices,
        "may_register": bool(agencies_for(request.user, "foi.handle").exists()),
    }
    return render(request, "workbench/foi/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def receive(request):
    agencies = agencies_for(request.user, "foi.handle")
    if not agencies.exists():
        raise PermissionDenied(_("只有公开办工作人员可以登记申请。"))
    agency = agencies.filter(pk=request.POST.get("agency") or request.GET.get("agency")).first()
    agency = agency or agencies.order_by("path").first()
    meta = f.ReceiveForm(request.POST or None, initial={"received_on": clock.today()})
    form = f.ApplicationForm(request.POST or None)
    if request.method == "POST" and meta.is_valid() and form.is_valid():
        done = run_action(
            request,
            lambda: services.receive_request(
                actor=request.user, agency=agency, **meta.cleaned_data, **form.cleaned_data
            ),
            form=form,
            success=lambda created: _("已登记申请 %(n)s。") % {"n": created.number},
            redirect_to=lambda created: reverse("workbench:foi_detail", args=[created.pk]),
        )
        if done:
            return done
    context = {"meta": meta, "form": form, "agencies": agencies, "agency": agency}
    return render(request, "workbench/foi/receive.html", context)


def _approvers(item):
    candidates = (
        User.objects.filter(is_active=True, kind=User.Kind.STAFF, grants__role=Role.APPROVER)
        .distinct()
        .order_by("display_name")
    )
    return User.objects.filter(
        pk__in=[u.pk for u in candidates if can(u, "foi.approve_extension", item)]
    )


def _forms(item, data=None, act=None):
    """One form per step; the one just posted is bound."""
    today = clock.today()
    makers = {
        "correction": lambda d: f.CorrectionForm(d),
        "supply": lambda d: f.SupplyForm(d),
        "third_party": lambda d: f.ThirdPartyForm(d),
        "opinion": lambda d: f.OpinionForm(d),
        "extend": lambda d: f.ExtensionForm(d, approvers=_approvers(item)),
        "fee": lambda d: f.FeeForm(d),
        "fee_received": lambda d: f.FeeReceivedForm(d, initial={"received_on": today}),
        "reply": lambda d: f.ReplyForm(d),
        "deliver": lambda d: f.DeliveryForm(d, initial={"delivered_on": today}),
        "review_case": lambda d: f.ReviewCaseForm(d, initial={"filed_on": today}),
        "lawsuit": lambda d: f.LawsuitForm(d, initial={"filed_on": today}),
    }
    return {name: make(data if name == act else None) for name, make in makers.items()}


def _available(item, user) -> set[str]:
    S = RequestState
    handle = can(user, "foi.handle", item)
    acts: set[str] = set()
    if handle:
        if item.state == S.RECEIVED:
            acts |= {"third_party", "fee", "reply", "extend"}
            if not item.corrections.all():
                acts |= {"correction", "complete"}
        if item.state == S.CORRECTION:
            acts |= {"supply", "reply", "extend"}
        if item.state == S.THIRD_PARTY or item.consultations.filter(lapsed=True).exists():
            acts |= {"opinion", "extend"}
        if item.state == S.PAYMENT:
            acts |= {"paid", "reply", "extend"}
            if item.fee_notice_received_on is None:
                acts |= {"fee_received"}
        if item.state == S.REPLIED:
            acts |= {"deliver"}
    if item.replied_on and can(user, "foi.record_case", item):
        acts |= {"review_case", "lawsuit", "case_result"}
    return acts


def _run(item, user, act, cleaned, post):
    if act == "correction":
        return services.send_correction_notice(request=item, actor=user, **cleaned)
    if act == "supply":
        return services.supply_correction(request=item, actor=user, **cleaned)
    if act == "complete":
        return services.confirm_complete(request=item, actor=user)
    if act == "third_party":
        return services.consult_third_party(request=item, actor=user, **cleaned)
    if act == "opinion":
        consultation = (
            item.consultations.filter(opinion="pending").last()
            or item.consultations.filter(lapsed=True).last()
        )
        return services.record_third_party_opinion(consultation=consultation, actor=user, **cleaned)
    if act == "extend":
        return services.extend_request(request=item, actor=user, **cleaned)
    if act == "fee":
        return services.issue_fee_notice(
            request=item,
            actor=user,
            method=cleaned["method"],
            pages=cleaned["pages"] or 0,
            notice_received_on=clock.today() if cleaned.get("handed_over") else None,
        )
    if act == "fee_received":
        return services.record_fee_notice_received(request=item, actor=user, **cleaned)
    if act == "paid":
        return services.record_payment(request=item, actor=user)
    if act == "reply":
        return replies.reply_to_request(request=item, actor=user, **cleaned)
    if act == "deliver":
        return replies.record_delivery(request=item, actor=user, **cleaned)
    if act == "review_case":
        return remedies.record_review_case(request=item, actor=user, **cleaned)
    if act == "lawsuit":
        return remedies.record_lawsuit(request=item, actor=user, **cleaned)
    if act == "case_result":
        review = post.get("case_kind") == "review"
        case = selectors.case_of(item, post.get("case"), review=review)
        if case is None:
            raise ValidationError(_("没有该案件。"))
        form = f.CaseResultForm(post)
        if not form.is_valid():
            raise ValidationError(_("请填写审结结果和日期。"))
        return remedies.decide_case(case=case, actor=user, **form.cleaned_data)
    raise Http404()


def _context(request, item, forms, acts):
    clocks = with_time_left(clocks_for(item).select_related(None))
    consultation_clocks = []
    for consultation in item.consultations.all():
        consultation_clocks.extend(with_time_left(clocks_for(consultation)))
    return {
        "item": item,
        "may_register": can_anywhere(request.user, "foi.handle"),
        "clocks": clocks + consultation_clocks,
        "forms": forms,
        "acts": acts,
        "cases": selectors.cases_for(item),
        "case_form": f.CaseResultForm(initial={"decided_on": clock.today()}),
        "met_deadline": replies.reply_met_deadline(item),
        "answers": answers_panel(request.user, item),  # 公开答复库 and 条例 Art. 44
    }


@never_cache
@staff_required
def detail(request, pk):
    item = _request(request, pk)
    if services.lapse_silent_consultations(request=item):  # its 15 wd ran out (条例 Art. 32)
        item = _request(request, pk)
    acts = _available(item, request.user)
    context = _context(request, item, _forms(item), acts)
    return render(request, "workbench/foi/detail.html", context)


NO_FORM = {"complete", "paid", "case_result"}


def _day(value) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def _done(act: str, item, cleaned: dict) -> str:
    """What was done, in words that name it, for the success message (never a bare 已保存)."""
    item.refresh_from_db()
    reply = services.reply_clock(item)
    due = _day(reply.due_date) if reply is not None else ""
    if act == "correction":
        return _("已发出补正告知，答复期限暂停计算。")
    if act == "complete":
        return _("已确认申请内容完整，无需补正。")
    if act == "supply":
        return _("已登记补正，答复期限自收到补正之日起重新计算，至 %(due)s。") % {"due": due}
    if act == "third_party":
        return _("已征求第三方（%(party)s）意见，答复期限暂停计算。") % {
            "party": cleaned.get("third_party", "")
        }
    if act == "opinion":
        return _("已登记第三方意见，答复期限恢复计算，至 %(due)s。") % {"due": due}
    if act == "extend":
        return _("已延期 %(n)s 个工作日，答复期限至 %(due)s。") % {
            "n": cleaned.get("days"),
            "due": due,
        }
    if act == "fee":
        return _("已发出收费通知（%(amount)s 元），答复期限暂停计算。") % {
            "amount": item.fee_amount
        }
    if act == "fee_received":
        return _("已登记收费通知送达日期，缴费期限开始计算。")
    if act == "paid":
        return _("已登记缴费，答复期限恢复计算，至 %(due)s。") % {"due": due}
    if act == "reply":
        return _("已答复（%(outcome)s），告知书已生成。") % {"outcome": item.outcome_label}
    if act == "deliver":
        return _("已登记送达。")
    if act == "review_case":
        return _("已登记行政复议。")
    if act == "lawsuit":
        return _("已登记行政诉讼。")
    return _("已登记审结结果。")


@staff_required
@require_POST
def act(request, pk, act):
    item = _request(request, pk)
    acts = _available(item, request.user)
    if act not in acts:
        raise PermissionDenied(_("当前不能执行此操作。"))
    forms = _forms(item, request.POST, act)
    form = forms.get(act)
    if form is None or form.is_valid():
        cleaned = form.cleaned_data if form is not None else {}
        done = run_action(
            request,
            lambda: _run(item, request.user, act, cleaned, request.POST),
            form=form,  # a button without a form: the refusal as messages, back to the page
            success=lambda _result: _done(act, item, cleaned),
            redirect_to=reverse("workbench:foi_detail", args=[item.pk]),
        )
        if done:
            return done
    item = _request(request, pk)
    context = _context(request, item, forms, _available(item, request.user))
    context["open_act"] = act
    return render(request, "workbench/foi/detail.html", context, status=422)


@staff_required
def letter(request, pk, kind):
    item = _request(request, pk)
    field = {"pdf": item.letter_pdf, "docx": item.letter_docx}.get(kind)
    if not field:
        raise Http404(_("告知书尚未生成。"))
    response = FileResponse(
        field.open("rb"), as_attachment=True, filename=f"告知书-{item.number}.{kind}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
