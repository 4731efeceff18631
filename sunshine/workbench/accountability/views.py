"""Staff pages of 问责: the list (filters by state, agency, source, outcome), the pre-filled
立案 form a source page's "发起问责" opens, one page per case with its steps, history and the
form of the next step, and the statistics per agency for a period. Thin: reads through the
scoped selectors (a case the user may not see is a 404), writes through the services with
`run_action`; a refused form is shown again with the reasons beside its fields (400)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.governance.accountability import selectors, services
from sunshine.governance.accountability.choices import (
    PUBLISHABLE,
    CaseState,
    Outcome,
    SourceKind,
    StepKind,
)
from sunshine.kernel.access.policy import agencies_for, can

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms as f

PAGE_SIZE = 30
S = CaseState


def _may_view(user) -> None:
    if not may_anywhere(user, "accountability.view"):
        raise PermissionDenied(_("您没有查看问责案件的权限。"))


def _case(request, pk):
    _may_view(request.user)
    case = selectors.case_for_staff(request.user, pk)
    if case is None:
        raise Http404(_("该问责案件不存在，或不在您的权限范围内。"))
    return case


def _here(case) -> str:
    return reverse("workbench:accountability_detail", args=[case.pk])


@never_cache
@staff_required
def case_list(request):
    _may_view(request.user)
    agencies = list(selectors.case_agencies(request.user))
    form = f.FilterForm(request.GET or None, agencies=agencies)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CaseFilters(
        state=data.get("state") or "",
        agency_id=data.get("agency") or None,
        source_kind=data.get("source") or "",
        outcome=data.get("outcome") or "",
        q=data.get("q") or "",
    )
    page = Paginator(selectors.staff_cases(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "form": form,
        "query": query.urlencode(),
        "may_open": may_anywhere(request.user, "accountability.open"),
    }
    return render(request, "workbench/accountability/list.html", context)


def _initial(ref) -> dict:
    if ref is None:
        return {"source_kind": SourceKind.OTHER}
    return {
        "agency": ref.agency.pk if ref.agency else None,
        "title": ref.title[:200],
        "facts": ref.title,
        "source_kind": ref.kind,
        "source_id": ref.obj.pk,
    }


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def open_case(request):
    """立案. From a source page (?source=<kind>&id=<pk>): agency, title and the lead are filled
    in from the source; the user checks them and confirms. Without a source: another lead."""
    if not may_anywhere(request.user, "accountability.open"):
        raise PermissionDenied(_("只有办公厅督查人员可以发起问责。"))
    params = request.POST if request.method == "POST" else request.GET
    kind = params.get("source_kind") or params.get("source") or ""
    pk = params.get("source_id") or params.get("id")
    ref = None
    if kind and kind != SourceKind.OTHER:
        if kind not in SourceKind.values:
            raise Http404(_("没有这种线索来源。"))
        ref = selectors.source_for(kind, pk)
        if ref is None:
            raise Http404(_("没有找到该来源事项。"))
        existing = selectors.open_case_of_source(ref)
        if existing is not None and request.method == "GET":
            messages.info(request, _("该事项已有办理中的问责案件。"))
            return redirect(_here(existing))
    agencies = agencies_for(request.user, "accountability.open")
    form = f.OpenCaseForm(
        request.POST or None,
        agencies=agencies,
        with_source=ref is not None,
        initial=_initial(ref),
    )
    if request.method == "GET" and ref is not None and ref.problem:
        form.add_error(None, ref.problem)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.open_case(
                actor=request.user,
                source_kind=ref.kind if ref else SourceKind.OTHER,
                source_id=ref.obj.pk if ref else None,
                agency=data.get("agency"),
                title=data.get("title", ""),
                facts=data.get("facts", ""),
                responsible_persons=data.get("responsible_persons", ""),
                source_title=data.get("source_title", ""),
            ),
            form=form,
            success=_("已立案。"),
            redirect_to=_here,
            # the source is in hidden fields: its refusal goes on top of the form
            aliases={"source_id": "", "source_kind": ""},
        )
        if done:
            return done
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "ref": ref, "kind_label": SourceKind(kind).label if ref else ""}
    return render(request, "workbench/accountability/form.html", context, status=status)


# --- The case page ----------------------------------------------------------------------------

FORMS = {
    "investigate": f.InvestigateForm,
    "decide": f.DecideForm,
    "close": f.CloseForm,
    "statement": f.StatementForm,
    "publish": f.PublishForm,
}


def _available_forms(request, case, bound_name=None, bound=None) -> dict:
    user = request.user
    names = [a.name for a in selectors.case_actions(case, user) if a.allowed]
    if case.state in (S.FILED, S.INVESTIGATED) and can(user, "accountability.respond", case):
        names.append("statement")
    if (
        case.state == S.CLOSED
        and not case.is_published
        and any(o.kind == PUBLISHABLE for o in case.outcomes.all())
        and can(user, "accountability.publish", case)
    ):
        names.append("publish")
    initial = {"decide": {"responsible_persons": case.responsible_persons}}
    return {
        name: (bound if name == bound_name else FORMS[name](initial=initial.get(name)))
        for name in names
    }


def _render(request, case, *, bound_name=None, bound=None, status=200):
    context = {
        "case": case,
        "outcomes": selectors.outcome_labels(case),
        "steps": selectors.case_steps(case),
        "history": selectors.case_history(case),
        "clock": selectors.case_clock(case),
        "forms": _available_forms(request, case, bound_name, bound),
        "source_label": SourceKind(case.source_kind).label,
        "step_kinds": StepKind,
    }
    return render(request, "workbench/accountability/detail.html", context, status=status)


@never_cache
@staff_required
def detail(request, pk):
    return _render(request, _case(request, pk))


SUCCESS = {
    "investigate": _("已记录调查核实情况。"),
    "decide": _("已作出处理决定。"),
    "close": _("已结案。"),
    "statement": _("已提交情况说明。"),
    "publish": _("已公开通报。"),
}


@never_cache
@staff_required
@require_POST
def act(request, pk, name):
    case = _case(request, pk)
    if name not in FORMS:
        raise Http404(_("没有这个办理环节：%(name)s。") % {"name": name})
    form = FORMS[name](request.POST)
    form.is_valid()
    data = form.cleaned_data
    user = request.user
    calls = {
        "investigate": lambda: services.investigate(
            actor=user, case=case, findings=data.get("findings", "")
        ),
        "decide": lambda: services.decide(
            actor=user,
            case=case,
            outcomes=data.get("outcomes") or [],
            text=data.get("text", ""),
            responsible_persons=data.get("responsible_persons", ""),
        ),
        "close": lambda: services.close(actor=user, case=case, text=data.get("text", "")),
        "statement": lambda: services.add_statement(
            actor=user, case=case, text=data.get("text", "")
        ),
        "publish": lambda: services.publish(actor=user, case=case, summary=data.get("summary", "")),
    }
    done = run_action(
        request,
        calls[name],
        form=form,
        success=SUCCESS[name],
        redirect_to=_here(case),
    )
    if done:
        return done
    case = _case(request, pk)
    return _render(request, case, bound_name=name, bound=form, status=400)


# --- Statistics -------------------------------------------------------------------------------


@never_cache
@staff_required
def statistics(request):
    _may_view(request.user)
    form = f.PeriodForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    stats = selectors.statistics(request.user, since=data.get("since"), until=data.get("until"))
    for row in [*stats.rows, stats.totals]:
        row.states_cells = [row.states[v] for v in CaseState.values]
        row.sources_cells = [row.sources[v] for v in SourceKind.values]
        row.outcomes_cells = [row.outcomes[v] for v in Outcome.values]
    context = {
        "form": form,
        "stats": stats,
        "states": CaseState.choices,
        "sources": SourceKind.choices,
        "outcomes": Outcome.choices,
    }
    return render(request, "workbench/accountability/statistics.html", context)
