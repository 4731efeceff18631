"""Staff pages of 行政执法公示: one's agencies' decisions (filters: kind, state, late), register
and edit, one decision with the acts its state allows (送法制审核, 法制审核, 作出决定, 公示,
撤回, 执法全过程记录), and the timeliness of 双公示 per agency. Every act is a POST to
`decision_act`, which binds that act's form, calls its service through `run_action` and, when
refused, shows the detail page again with what was typed. Thin: scoped selectors for reads (404
outside one's agencies), services for writes."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.governance.enforcement import selectors, services
from sunshine.governance.enforcement.choices import DecisionKind, DecisionState
from sunshine.kernel.access.policy import agencies_for, can
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.files.selectors import attachments_for

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms

S = DecisionState
PAGE_SIZE = 30


def _require_view(user) -> None:
    if not may_anywhere(user, "enforcement.view_staff"):
        raise PermissionDenied(_("您没有查看行政执法公示的权限。"))


def _decision(request, pk):
    _require_view(request.user)
    decision = selectors.decision_for_staff(request.user, pk)
    if decision is None:
        raise Http404(_("该执法决定不存在，或不在您的权限范围内。"))
    return decision


def _detail_url(decision) -> str:
    return reverse("workbench:enforcement_detail", args=[decision.pk])


@never_cache
@staff_required
def decision_list(request):
    _require_view(request.user)
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "")
    q = request.GET.get("q", "").strip()[:100]
    rows = selectors.decisions_for_staff(request.user, kind=kind, state=state, q=q)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": DecisionKind.choices,
        "states": [*S.choices, ("late", gettext_lazy("逾期公示"))],
        "kind": kind,
        "state": state,
        "q": q,
        "may_register": may_anywhere(request.user, "enforcement.edit"),
    }
    return render(request, "workbench/enforcement/list.html", context)


def _content(data) -> dict:
    return {k: v for k, v in data.items() if k != "agency"}


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    _require_view(request.user)
    agencies = agencies_for(request.user, "enforcement.edit").order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("只有本机关的执法、公开办或单位管理员岗位可以登记执法决定。"))
    # The officer's own agency is preselected when it is one they may register for.
    own = agencies.filter(pk=request.user.agency_id).first()
    form = forms.DecisionForm(
        request.POST or None, agencies=agencies, initial={"agency": own or agencies.first()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.register(actor=request.user, agency=data["agency"], **_content(data)),
            form=form,
            success=_("已登记执法决定。"),
            redirect_to=_detail_url,
        )
        if done:
            return done
    return render(request, "workbench/enforcement/form.html", {"form": form, "decision": None})


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, pk):
    decision = _decision(request, pk)
    agencies = agencies_for(request.user, "enforcement.edit").filter(pk=decision.agency_id)
    initial = {name: getattr(decision, name) for name in services.FIELDS}
    initial["agency"] = decision.agency
    form = forms.DecisionForm(request.POST or None, agencies=agencies, initial=initial)
    form.fields["agency"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.edit(actor=request.user, decision=decision, **_content(data)),
            form=form,
            success=_("已保存。"),
            redirect_to=_detail_url,
        )
        if done:
            return done
    return render(request, "workbench/enforcement/form.html", {"form": form, "decision": decision})


@dataclass(frozen=True)
class Act:
    form: type
    call: object  # (actor, decision, cleaned data) -> result
    success: str
    permission: str
    states: tuple


ACTS = {
    "request_review": Act(
        forms.ReviewRequestForm,
        lambda user, d, data: services.request_review(actor=user, decision=d, **data),
        gettext_lazy("已送法制审核。"),
        "enforcement.edit",
        (S.DRAFT,),
    ),
    "review": Act(
        forms.ReviewForm,
        lambda user, d, data: services.review(actor=user, decision=d, **data),
        gettext_lazy("已记录法制审核结果。"),
        "enforcement.legal_review",
        (S.REVIEW,),
    ),
    "decide": Act(
        forms.DecideForm,
        lambda user, d, data: services.decide(actor=user, decision=d, **data),
        gettext_lazy("已记录决定日期，请在7个工作日内公示。"),
        "enforcement.edit",
        (S.DRAFT,),
    ),
    "publish": Act(
        None,
        lambda user, d, data: services.publish(actor=user, decision=d),
        gettext_lazy("已向社会公示。"),
        "enforcement.publish",
        (S.DECIDED,),
    ),
    "withdraw": Act(
        forms.WithdrawForm,
        lambda user, d, data: services.withdraw(actor=user, decision=d, **data),
        gettext_lazy("已撤回，撤回理由已公开。"),
        "enforcement.publish",
        (S.PUBLISHED,),
    ),
    "record": Act(
        forms.RecordForm,
        lambda user, d, data: services.add_record(
            actor=user,
            decision=d,
            stage=data["stage"],
            text=data["text"],
            files=[data["files"]] if data.get("files") else [],
        ),
        gettext_lazy("已添加执法全过程记录。"),
        "enforcement.edit",
        tuple(S.values),
    ),
}


def _offered(name: str, decision) -> bool:
    """A 重大执法决定 goes to 法制审核 before it can be decided (the page offers one or the
    other; the service refuses a decision without the review anyway)."""
    needs_review = decision.is_major and not decision.review_passed
    if name == "request_review":
        return needs_review
    if name == "decide":
        return not needs_review
    return True


def _detail(request, decision, bound=None, status=200):
    """The detail page; `bound` is {act: bound form} for the act refused just now."""
    bound = bound or {}
    acts = {
        name: bound.get(name) or (act.form() if act.form else None)
        for name, act in ACTS.items()
        if decision.state in act.states
        and can(request.user, act.permission, decision)
        and _offered(name, decision)
    }
    records = list(selectors.records_of(decision))
    for record in records:
        record.files = list(attachments_for(record))
    context = {
        "decision": decision,
        "acts": acts,
        "reviews": list(decision.reviews.select_related("requested_by", "reviewed_by")),
        "records": records,
        "clocks": list(clocks_for(decision).order_by("started_at")),
        "may_edit": decision.state == S.DRAFT and can(request.user, "enforcement.edit", decision),
        "public_url": reverse("portal:enforcement_detail", args=[decision.pk])
        if decision.state in (S.PUBLISHED, S.WITHDRAWN)
        else "",
    }
    return render(request, "workbench/enforcement/detail.html", context, status=status)


@never_cache
@staff_required
def decision_detail(request, pk):
    return _detail(request, _decision(request, pk))


@never_cache
@staff_required
@require_POST
def decision_act(request, pk, act):
    decision = _decision(request, pk)
    spec = ACTS.get(act)
    if spec is None:
        raise Http404
    form = spec.form(request.POST, request.FILES) if spec.form else None
    if form is not None and not form.is_valid():
        return _detail(request, decision, {act: form}, status=422)
    data = form.cleaned_data if form is not None else {}
    done = run_action(
        request,
        lambda: spec.call(request.user, decision, data),
        form=form,
        success=str(spec.success),
        redirect_to=_detail_url(decision),
    )
    return done or _detail(request, decision, {act: form}, status=422)


@never_cache
@staff_required
def timeliness(request):
    _require_view(request.user)
    rows = selectors.timeliness_by_agency(request.user)
    return render(request, "workbench/enforcement/timeliness.html", {"rows": rows})
