"""Staff pages of 政务公开考核. The general office (督查, or the 公开办 of the organising
government) sets the year's scheme and runs the computation; every staff member reads the
ranking and the scores of the agencies they may see (their own; the general office: all),
each indicator's points down to the items behind them. Thin: selectors for reads (404 outside
one's scope), services through run_action for writes."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.assessment.scores import export, selectors, services
from sunshine.assessment.scores.choices import RunState

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms as f


def _require_view(user) -> None:
    if not may_anywhere(user, "scores.view_staff"):
        raise PermissionDenied(_("您没有查看考核评分的权限。"))


def _scheme(request, pk):
    _require_view(request.user)
    scheme = selectors.scheme_by_pk(pk)
    if scheme is None:
        raise Http404(_("该考核方案不存在。"))
    return scheme


def _run(request, pk):
    _require_view(request.user)
    run = selectors.run_by_pk(pk)
    if run is None:
        raise Http404(_("该考核计算不存在。"))
    return run


@never_cache
@staff_required
def home(request):
    _require_view(request.user)
    schemes = list(selectors.schemes()[:100])
    for s in schemes:
        s.latest = selectors.latest_run(s)
    context = {
        "schemes": schemes,
        "may_create": selectors.organisers(request.user).exists(),
        "sources": selectors.source_choices(),
    }
    return render(request, "workbench/scores/home.html", context)


def _scheme_form_page(request, *, scheme=None):
    user = request.user
    indicators = list(scheme.indicators.all()) if scheme else []
    rows = max(len(indicators), 0) + f.BLANK_ROWS
    if request.method == "POST":
        rows = min(max(int(request.POST.get("rows") or rows), 1), 60)
    agency_choices = None if scheme else selectors.organisers(user)
    if scheme is None and not agency_choices.exists():
        raise PermissionDenied(_("只有办公厅（督查）或本级政府的公开办可以设置考核方案。"))
    if scheme is not None and not selectors.may_manage(user, scheme):
        raise PermissionDenied(_("只有设置该方案的办公厅可以修改。"))
    if request.method == "POST":
        form = f.SchemeForm(request.POST, agency_choices=agency_choices, rows=rows)
        if form.is_valid():
            indicator_rows, aliases = form.rows()
            data = form.cleaned_data
            done = run_action(
                request,
                lambda: services.save_scheme(
                    user,
                    agency=scheme.agency if scheme else data["agency"],
                    year=data["year"],
                    title=data["title"],
                    disclosure_share=data["disclosure_share"],
                    rows=indicator_rows,
                    scheme=scheme,
                ),
                form=form,
                aliases=aliases,
                success=_("考核方案已保存。"),
                redirect_to=lambda s: reverse("workbench:scores_scheme", args=[s.pk]),
            )
            if done:
                return done
        status = 400
    else:
        initial = f.initial_rows(indicators)
        if scheme is not None:
            initial.update(
                year=scheme.year,
                title=scheme.title,
                disclosure_share=f.plain(scheme.disclosure_share),
            )
        form = f.SchemeForm(initial=initial, agency_choices=agency_choices, rows=rows)
        status = 200
    context = {"form": form, "scheme": scheme, "sources": selectors.source_choices()}
    return render(request, "workbench/scores/scheme_form.html", context, status=status)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def scheme_create(request):
    _require_view(request.user)
    return _scheme_form_page(request)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request, pk):
    return _scheme_form_page(request, scheme=_scheme(request, pk))


@never_cache
@staff_required
def scheme_detail(request, pk):
    scheme = _scheme(request, pk)
    context = {
        "scheme": scheme,
        "indicators": selectors.indicators_of(scheme),
        "runs": selectors.runs_of(scheme)[:20],
        "may_manage": selectors.may_manage(request.user, scheme),
        "run_form": f.RunForm(),
        "RunState": RunState,
    }
    return render(request, "workbench/scores/scheme.html", context)


@staff_required
@require_POST
def scheme_compute(request, pk):
    scheme = _scheme(request, pk)
    form = f.RunForm(request.POST)
    here = reverse("workbench:scores_scheme", args=[scheme.pk])
    if not form.is_valid():
        return redirect(here)
    return run_action(
        request,
        lambda: services.request_run(
            request.user, scheme, period_end=form.cleaned_data.get("period_end")
        ),
        success=_("已开始计算，完成后即可查看排名。"),
        redirect_to=here,
    )


@never_cache
@staff_required
def run_detail(request, pk):
    run = _run(request, pk)
    context = {
        "run": run,
        "scheme": run.scheme,
        "rows": selectors.ranking(request.user, run) if run.state == RunState.DONE else [],
        "previous": selectors.previous_run(run),
        "indicators": run.snapshot.get("indicators", []),
        "may_manage": selectors.may_manage(request.user, run.scheme),
        "RunState": RunState,
    }
    return render(request, "workbench/scores/run.html", context)


def _agency_score(request, run, agency_id):
    score = selectors.agency_score(request.user, run, agency_id)
    if score is None:
        raise Http404(_("没有该单位的得分，或不在您的权限范围内。"))
    return score


@never_cache
@staff_required
def agency_detail(request, pk, agency_id):
    run = _run(request, pk)
    score = _agency_score(request, run, agency_id)
    context = {
        "run": run,
        "score": score,
        "lines": selectors.lines_of(score),
        "history": selectors.history(request.user, score.agency_id, run.scheme.agency_id),
        "share": run.snapshot.get("share"),
    }
    return render(request, "workbench/scores/agency.html", context)


@never_cache
@staff_required
def evidence(request, pk, agency_id, code):
    run = _run(request, pk)
    score = _agency_score(request, run, agency_id)
    line = selectors.line_of(score, code)
    if line is None:
        raise Http404(_("没有该指标。"))
    only = request.GET.get("flagged") == "1"
    items = [e for e in line.evidence if e.get("flag")] if only else line.evidence
    context = {"run": run, "score": score, "line": line, "items": items, "flagged": only}
    return render(request, "workbench/scores/evidence.html", context)


@never_cache
@staff_required
def run_export(request, pk):
    run = _run(request, pk)
    if run.state != RunState.DONE:
        raise Http404(_("计算尚未完成。"))
    ids = list(selectors.visible_scores(request.user, run).values_list("agency_id", flat=True))
    base = request.build_absolute_uri("/").rstrip("/")
    if export.is_large(run, len(ids), ids):
        job = export.start_export_job(request.user, run, ids, base_url=base)
        return redirect("workbench:filejob", job.pk)
    data = export.build_workbook(run, ids, base_url=base)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(run)}"'
    return response
