"""Staff pages of 好差评: the 差评整改 case queue (deadline colours), a case with the forms of
its next step, and the satisfaction table per agency. Reads through scoped selectors (what a
user may not see is a 404); writes through the services."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sunshine.kernel.access.policy import agencies_for, can
from sunshine.kernel.ratings import selectors, services
from sunshine.kernel.ratings.choices import LEVEL_ORDER, CaseState, RatingLevel
from sunshine.kernel.ratings.registry import kind_label, rateables

from ..access import staff_required
from ..actions import run_action
from .forms import STEP_FORMS
from .registry import may_view

PAGE_SIZE = 30
# step → (permission, the states in which it is offered)
STEPS = {
    "callback": ("rating.case_callback", {CaseState.OPEN, CaseState.CALLED_BACK}),
    "verify": ("rating.case_verify", {CaseState.CALLED_BACK}),
    "rectify": ("rating.case_rectify", {CaseState.VERIFIED}),
    "publish": ("rating.case_publish", {CaseState.RECTIFIED}),
}
STEP_DONE = {
    "callback": gettext_lazy("已登记回访。"),
    "verify": gettext_lazy("已登记核实情况。"),
    "rectify": gettext_lazy("已登记整改措施，整改期限已停止计时。"),
    "publish": gettext_lazy("整改结果已公示。"),
}


def _require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看好差评的权限。"))


def _case(request, pk):
    case = selectors.case_for_staff(request.user, pk)
    if case is None:
        raise Http404(_("该差评整改不存在，或不在您的权限范围内。"))
    return case


def _kinds():
    return [(r.kind, r.label) for r in rateables()]


@never_cache
@staff_required
def case_list(request):
    _require_view(request.user)
    state = request.GET.get("state", "open")
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(_kinds()) else ""
    if state == "open":
        cases = selectors.open_cases(request.user, kind=kind or None)
    else:
        state = state if state in CaseState.values else ""
        cases = selectors.staff_cases(request.user, kind=kind or None, state=state or None)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    for case in page.object_list:
        case.kind_label = kind_label(case.kind)
    context = {
        "page": page,
        "state": state,
        "kind": kind,
        "states": CaseState.choices,
        "kinds": _kinds(),
    }
    return render(request, "workbench/ratings/list.html", context)


def _step_forms(user, case, bound=None):
    forms = {}
    for step, (action, states) in STEPS.items():
        if case.state in states and can(user, action, case):
            forms[step] = (
                bound if bound is not None and bound.prefix == step else STEP_FORMS[step]()
            )
    return forms


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def case_detail(request, pk, step=None):
    case = _case(request, pk)
    bound = None
    if request.method == "POST":
        if step not in STEPS:
            raise Http404
        if not can(request.user, STEPS[step][0], case):
            raise PermissionDenied(_("您没有权限办理这一步。"))
        bound = STEP_FORMS[step](request.POST)
        if bound.is_valid():
            service = services.CASE_STEPS[step]

            def save(**data):
                return service(case=case, actor=request.user, **data)

            done = run_action(
                request,
                lambda: save(**bound.cleaned_data),
                form=bound,
                success=STEP_DONE[step],
                redirect_to=reverse("workbench:ratings_case", kwargs={"pk": case.pk}),
            )
            if done:
                return done
            case = _case(request, pk)  # the refusal rolled back; show the stored state
    rating = case.rating
    context = {
        "case": case,
        "rating": rating,
        "rater": rating.rater,
        "kind_label": kind_label(case.kind),
        "forms": _step_forms(request.user, case, bound),
        "clock": case.clock,
    }
    return render(request, "workbench/ratings/case.html", context)


def _period(request):
    since = parse_date(request.GET.get("since", "") or "") or None
    until = parse_date(request.GET.get("until", "") or "") or None
    if since and until and since > until:
        since, until = until, since
    return since, until


@never_cache
@staff_required
def summary(request):
    """满意度统计: per agency the counts of each level, 差评, satisfaction rate, defaults, and
    the 差评整改 numbers (callback rate must be 100%). Supervisors see every agency."""
    _require_view(request.user)
    since, until = _period(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(_kinds()) else ""
    agency_ids = list(agencies_for(request.user, "rating.view_staff").values_list("pk", flat=True))
    rows = selectors.satisfaction_by_agency(
        kind=kind or None, agency_ids=agency_ids, since=since, until=until
    )
    cases = selectors.case_counts_by_agency(agency_ids=agency_ids, since=since, until=until)
    for row in rows:
        row["cases"] = cases.get(row["agency_id"], {})
        row["levels"] = [row["counts"][level] for level in LEVEL_ORDER]
    total = selectors.satisfaction_summary(
        kind=kind or None, agency_ids=agency_ids, since=since, until=until
    )
    context = {
        "rows": rows,
        "total": total,
        "total_levels": [total["counts"][level] for level in LEVEL_ORDER],
        "level_labels": [RatingLevel(level).label for level in LEVEL_ORDER],
        "since": since,
        "until": until,
        "kind": kind,
        "kinds": _kinds(),
    }
    return render(request, "workbench/ratings/summary.html", context)
