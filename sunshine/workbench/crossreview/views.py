"""Staff pages of 交叉互评. The general office creates a round, edits its indicators, chooses
the participants and assigns (balanced and rotating, or by hand), watches progress and
publishes; a reviewer fills the score sheets assigned to them (draft or submit; a refused form
keeps what was typed); a reviewed agency reads its own result. Thin: scoped selectors for
reads (404 outside one's scope), services through run_action for writes."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.governance.crossreview import scheme, selectors, services, sheets
from sunshine.governance.crossreview.choices import RoundState, SheetState
from sunshine.governance.crossreview.workflow import scheme_problems
from sunshine.kernel import clock
from sunshine.kernel.access.policy import agencies_for
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms as f


def _require_view(user) -> None:
    if not may_anywhere(user, "crossreview.view_staff"):
        raise PermissionDenied(_("您没有查看交叉互评的权限。"))


def _round(request, pk):
    _require_view(request.user)
    round_ = selectors.round_for_staff(request.user, pk)
    if round_ is None:
        raise Http404(_("该互评不存在，或不在您的权限范围内。"))
    return round_


def _managed(request, pk):
    round_ = _round(request, pk)
    if not selectors.may_manage(request.user, round_):
        raise PermissionDenied(_("只有组织互评的办公厅可以执行此操作。"))
    return round_


def _here(round_) -> str:
    return reverse("workbench:crossreview_detail", args=[round_.pk])


def _candidates(round_):
    """The agencies a round may include: the organiser's subtree, without the organiser."""
    return (
        Agency.objects.filter(path__startswith=round_.agency.path, is_active=True)
        .exclude(pk=round_.agency_id)
        .order_by("path")
    )


@never_cache
@staff_required
def round_list(request):
    _require_view(request.user)
    organisers = agencies_for(request.user, "crossreview.manage")
    context = {
        "rounds": selectors.rounds_for_staff(request.user)[:200],
        "sheets": selectors.open_sheets_for_reviewer(request.user),
        "may_create": organisers.exists(),
    }
    return render(request, "workbench/crossreview/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    _require_view(request.user)
    organisers = agencies_for(request.user, "crossreview.manage").order_by("path")
    if not organisers.exists():
        raise PermissionDenied(_("只有办公厅的督查人员或政府公开办可以组织交叉互评。"))
    form = f.RoundForm(
        request.POST or None,
        agencies=organisers,
        initial={"agency": organisers.first(), "year": clock.today().year},
    )
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_round(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("已创建互评；评分指标已从上一轮复制（首轮为默认指标）。"),
            redirect_to=_here,
        )
        if done:
            return done
    status = 400 if form.is_bound else 200
    return render(request, "workbench/crossreview/form.html", {"form": form}, status=status)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def round_edit(request, pk):
    round_ = _managed(request, pk)
    form = f.RoundForm(
        request.POST or None,
        editing=True,
        initial={
            "name": round_.name,
            "description": round_.description,
            "submit_days": round_.submit_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.update_round(actor=request.user, round_=round_, **form.cleaned_data),
            form=form,
            success=_("已保存。"),
            redirect_to=_here(round_),
        )
        if done:
            return done
    status = 400 if form.is_bound else 200
    context = {"form": form, "round": round_}
    return render(request, "workbench/crossreview/form.html", context, status=status)


def _detail_context(request, round_, **forms):
    user = request.user
    manage = selectors.may_manage(user, round_)
    context = {
        "round": round_,
        "may_manage": manage,
        "groups": selectors.indicator_groups(round_),
        "problems": scheme_problems(round_),
        "my_sheets": selectors.sheets_for_reviewer(user, round_=round_),
        "results": selectors.results_for_staff(user, round_),
    }
    if manage:
        candidates = _candidates(round_)
        context.update(
            assignments=selectors.assignments_of(round_),
            progress=selectors.progress(round_),
            participants=list(round_.participants.order_by("path")),
            participants_form=forms.get("participants_form")
            or f.ParticipantsForm(
                candidates=candidates, initial={"agencies": round_.participants.all()}
            ),
            auto_form=forms.get("auto_form") or f.AutoAssignForm(),
            assign_form=forms.get("assign_form")
            or f.AssignForm(candidates=candidates, reviewers=_reviewers(round_)),
        )
    return context


def _reviewers(round_):
    return (
        User.objects.filter(
            kind=User.Kind.STAFF,
            is_active=True,
            grants__agency__path__startswith=round_.agency.path,
        )
        .exclude(agency_id=round_.agency_id)
        .select_related("agency")
        .distinct()
        .order_by("agency__path", "display_name")
    )


@never_cache
@staff_required
def round_detail(request, pk):
    round_ = _round(request, pk)
    return render(request, "workbench/crossreview/detail.html", _detail_context(request, round_))


def _render_refused(request, round_, **forms):
    context = _detail_context(request, round_, **forms)
    return render(request, "workbench/crossreview/detail.html", context, status=400)


@never_cache
@staff_required
@require_POST
def round_participants(request, pk):
    round_ = _managed(request, pk)
    form = f.ParticipantsForm(request.POST, candidates=_candidates(round_))
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.set_participants(
                actor=request.user, round_=round_, agencies=form.cleaned_data["agencies"]
            ),
            form=form,
            success=_("已保存参评单位。"),
            redirect_to=_here(round_),
        )
        if done:
            return done
    return _render_refused(request, round_, participants_form=form)


@never_cache
@staff_required
@require_POST
def round_auto_assign(request, pk):
    round_ = _managed(request, pk)
    form = f.AutoAssignForm(request.POST)
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.auto_assign(actor=request.user, round_=round_, **form.cleaned_data),
            form=form,
            success=lambda made: _("已轮换分配 %(n)s 项评审。") % {"n": len(made)},
            redirect_to=_here(round_),
        )
        if done:
            return done
    return _render_refused(request, round_, auto_form=form)


@never_cache
@staff_required
@require_POST
def round_assign(request, pk):
    round_ = _managed(request, pk)
    form = f.AssignForm(request.POST, candidates=_candidates(round_), reviewers=_reviewers(round_))
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.assign(actor=request.user, round_=round_, **form.cleaned_data),
            form=form,
            success=_("已分配。"),
            redirect_to=_here(round_),
        )
        if done:
            return done
    return _render_refused(request, round_, assign_form=form)


@never_cache
@staff_required
@require_POST
def assignment_remove(request, pk, assignment_pk):
    round_ = _managed(request, pk)
    assignment = round_.assignments.filter(pk=assignment_pk).first()
    if assignment is None:
        raise Http404
    return run_action(
        request,
        lambda: services.remove_assignment(
            actor=request.user, assignment=assignment, reason=request.POST.get("reason", "")
        ),
        success=_("已撤销该项分配。"),
        redirect_to=_here(round_),
    )


@never_cache
@staff_required
@require_POST
def assignment_return(request, pk, assignment_pk):
    round_ = _managed(request, pk)
    assignment = round_.assignments.filter(pk=assignment_pk).first()
    if assignment is None:
        raise Http404
    return run_action(
        request,
        lambda: services.return_sheet(
            actor=request.user, assignment=assignment, reason=request.POST.get("reason", "")
        ),
        success=_("评分表已退回评审人修改。"),
        redirect_to=_here(round_),
    )


@never_cache
@staff_required
@require_POST
def round_start(request, pk):
    round_ = _managed(request, pk)
    return run_action(
        request,
        lambda: services.start_round(actor=request.user, round_=round_),
        success=_("评审已开始，已通知各评审单位。"),
        redirect_to=_here(round_),
    )


@never_cache
@staff_required
@require_POST
def round_publish(request, pk):
    round_ = _managed(request, pk)
    return run_action(
        request,
        lambda: services.publish_round(actor=request.user, round_=round_),
        success=_("结果已发布，各被评单位可查看本单位结果。"),
        redirect_to=reverse("workbench:crossreview_results", args=[round_.pk]),
    )


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def round_indicators(request, pk):
    round_ = _round(request, pk)
    manage = selectors.may_manage(request.user, round_)
    editable = manage and round_.state == RoundState.DRAFT
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("评审开始后不能再修改评分指标。"))
    form = f.IndicatorsForm(request.POST or None, indicators=selectors.indicators(round_))
    if request.method == "POST" and form.is_valid():
        rows, origin = form.rows()
        aliases = {
            f"{name}_{k}": f"{name}_{n}" for k, n in enumerate(origin) for name in f.ROW_FIELDS
        }
        done = run_action(
            request,
            lambda: scheme.replace_indicators(actor=request.user, round_=round_, rows=rows),
            form=form,
            aliases=aliases,
            success=_("已保存评分指标。"),
            redirect_to=reverse("workbench:crossreview_indicators", args=[round_.pk]),
        )
        if done:
            return done
    context = {
        "round": round_,
        "form": form,
        "editable": editable,
        "groups": selectors.indicator_groups(round_),
        "problems": scheme_problems(round_),
    }
    status = 400 if form.is_bound else 200
    return render(request, "workbench/crossreview/indicators.html", context, status=status)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def sheet(request, pk):
    """A reviewer's score sheet: 暂存 keeps a draft, 提交 submits (every score needed)."""
    _require_view(request.user)
    assignment = selectors.sheet_for_reviewer(request.user, pk)
    if assignment is None:
        raise Http404(_("该评分表不存在，或不是分配给您的。"))
    editable = assignment.round.state == RoundState.REVIEWING and assignment.state in (
        SheetState.PENDING,
        SheetState.DRAFT,
    )
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("这份评分表已不能修改。"))
    rows = selectors.sheet_rows(assignment)
    form = f.SheetForm(
        request.POST or None,
        rows=rows,
        disabled=not editable,
        initial={"comment": assignment.comment},
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        scores, comments, comment = form.values()
        done = run_action(
            request,
            lambda: sheets.save_sheet(
                actor=request.user,
                assignment=assignment,
                scores=scores,
                comments=comments,
                comment=comment,
                submit=submit,
            ),
            form=form,
            success=_("评分表已提交。") if submit else _("已暂存，可继续填写。"),
            redirect_to=(
                reverse("workbench:crossreview_list")
                if submit
                else reverse("workbench:crossreview_sheet", args=[assignment.pk])
            ),
        )
        if done:
            return done
    context = {
        "assignment": assignment,
        "round": assignment.round,
        "form": form,
        "editable": editable,
        "groups": selectors.indicator_groups(assignment.round),
    }
    status = 400 if form.is_bound else 200
    return render(request, "workbench/crossreview/sheet.html", context, status=status)


@never_cache
@staff_required
def round_results(request, pk):
    round_ = _round(request, pk)
    results = list(selectors.results_for_staff(request.user, round_))
    if round_.state != RoundState.PUBLISHED or not results:
        raise Http404(_("本轮互评的结果尚未发布，或没有您可以查看的结果。"))
    context = {
        "round": round_,
        "results": results,
        "may_manage": selectors.may_manage(request.user, round_),
    }
    return render(request, "workbench/crossreview/results.html", context)


@never_cache
@staff_required
def agency_result(request, pk, agency_id):
    round_ = _round(request, pk)
    result = selectors.result_for_staff(request.user, round_, agency_id)
    if result is None:
        raise Http404(_("该单位的互评结果不存在，或不在您的权限范围内。"))
    manage = selectors.may_manage(request.user, round_)
    context = {
        "round": round_,
        "view": selectors.result_view(result, named=manage),
        "may_manage": manage,
    }
    return render(request, "workbench/crossreview/result.html", context)
