"""Staff pages of the supervision of key items: the expert library (专家库, with declared
conflicts), the public's questions (答复 on its clock; 转督办, 转问责), and the general office's
dashboard (every item by kind and agency with its supervision state) with the cross-check
statistics per agency and the 行政执法公示 (双公示) timeliness per agency."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.governance.enforcement.selectors import timeliness_by_agency
from sunshine.governance.keyitems import experts, questions, selectors, services
from sunshine.governance.keyitems.choices import KeyItemKind, QuestionState
from sunshine.kernel.access.policy import can
from sunshine.kernel.deadlines.selectors import live_urgency
from sunshine.kernel.duban.selectors import orders_for
from sunshine.kernel.orgs.models import Agency

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms as f
from .views import require_view


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def expert_library(request):
    require_view(request.user)
    may_manage = may_anywhere(request.user, "keyitem.experts")
    agencies = Agency.objects.filter(is_active=True).order_by("path")
    form = f.ExpertForm(request.POST or None, agencies=agencies)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied(_("专家库由办公厅管理。"))
        if form.is_valid():
            d = form.cleaned_data
            done = run_action(
                request,
                lambda: experts.add_expert(
                    actor=request.user,
                    name=d["name"],
                    specialty=d["specialty"],
                    title=d["title"],
                    employer=d["employer"],
                    conflict_agencies=list(d["conflicts"]),
                ),  # fmt: skip
                form=form,
                success=_("专家已入库。"),
                redirect_to=reverse("workbench:keyitems_experts"),
            )
            if done:
                return done
    context = {"experts": selectors.experts(), "form": form, "may_manage": may_manage}
    return render(request, "workbench/keyitems/experts.html", context,
                  status=400 if form.errors else 200)  # fmt: skip


@never_cache
@staff_required
def question_list(request):
    require_view(request.user)
    state = request.GET.get("state", QuestionState.OPEN)
    rows = selectors.questions_for_staff(request.user, state=state)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    page.object_list = live_urgency(page.object_list)
    context = {"page": page, "state": state, "states": QuestionState.choices}
    return render(request, "workbench/keyitems/questions.html", context)


def _question(request, pk):
    require_view(request.user)
    question = selectors.question_for_staff(request.user, pk)
    if question is None:
        raise Http404(_("该监督意见不存在，或不在您的权限范围内。"))
    return question


def _question_page(request, question, *, status=200, **bound):
    user = request.user
    live_urgency([question])
    context = {
        "question": question,
        "item": question.item,
        "may_answer": can(user, "keyitem.answer", question)
        and question.state == QuestionState.OPEN,
        "may_escalate": can(user, "oversight.issue", question.item),
        "accountability": questions.accountability_available()
        and may_anywhere(user, "accountability.open"),
        "orders": list(orders_for(question)),
        "answer_form": bound.get("answer_form") or f.AnswerForm(),
        "duban_form": bound.get("duban_form") or f.DubanForm(),
        "accountability_form": bound.get("accountability_form") or f.AccountabilityForm(),
    }
    return render(request, "workbench/keyitems/question.html", context, status=status)


@never_cache
@staff_required
def question_detail(request, pk):
    return _question_page(request, _question(request, pk))


def _question_act(request, question, form, call, *, name, success):
    here = reverse("workbench:keyitems_question", args=[question.pk])
    if form.is_valid():
        done = run_action(request, lambda: call(form.cleaned_data), form=form, success=success,
                          redirect_to=here)  # fmt: skip
        if done:
            return done
    return _question_page(request, question, status=400, **{name: form})


@never_cache
@staff_required
@require_POST
def question_answer(request, pk):
    question = _question(request, pk)
    return _question_act(request, question, f.AnswerForm(request.POST), lambda d: questions.answer_question(
        actor=request.user, question=question, answer=d["answer"]), name="answer_form",
        success=_("已答复，答复已在门户网站公开。"))  # fmt: skip


@never_cache
@staff_required
@require_POST
def question_duban(request, pk):
    question = _question(request, pk)
    return _question_act(request, question, f.DubanForm(request.POST), lambda d: questions.escalate_to_duban(
        actor=request.user, question=question, reason=d["reason"],
        response_days=d["response_days"]), name="duban_form", success=_("已转督办。"))  # fmt: skip


@never_cache
@staff_required
@require_POST
def question_accountability(request, pk):
    question = _question(request, pk)
    if not questions.accountability_available():
        raise Http404
    return _question_act(request, question, f.AccountabilityForm(request.POST),
                         lambda d: questions.escalate_to_accountability(
                             actor=request.user, question=question, facts=d["facts"],
                             title=d["title"]),
                         name="accountability_form", success=_("已转问责，问责案件已立案。"))  # fmt: skip


@never_cache
@staff_required
def dashboard(request):
    require_view(request.user)
    kind = request.GET.get("kind", "")
    try:
        page = int(request.GET.get("page", 1))
    except ValueError:
        page = 1
    kind = kind if kind in KeyItemKind.values else ""
    board = selectors.dashboard(request.user, kind=kind, page=page)
    context = {
        **board,
        "kind": kind,
        "kinds": KeyItemKind.choices,
        "stats": selectors.crosscheck_statistics(request.user),
        # 行政执法公示 (双公示) per agency, read through the enforcement module's selector.
        "enforcement": timeliness_by_agency(request.user),
        "may_enforcement": may_anywhere(request.user, "enforcement.view_staff"),
    }
    return render(request, "workbench/keyitems/dashboard.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    """The key-item standards of the governments the user may set (keyitem.configure)."""
    require_view(request.user)
    rows = selectors.government_settings(request.user)
    if not rows:
        raise PermissionDenied(_("重要职权事项标准由办公厅设置。"))
    governments = Agency.objects.filter(pk__in=[r["government"].pk for r in rows]).order_by("path")
    agencies = Agency.objects.filter(is_active=True).order_by("path")
    chosen = next((r for r in rows if str(r["government"].pk) == request.GET.get("government")),
                  rows[0])  # fmt: skip
    row = chosen["row"]
    initial = {"government": chosen["government"]}
    if row is not None:
        initial |= {"kinds": row.kinds, "large_spending_threshold": row.large_spending_threshold,
                    "crosscheck_spending_over": row.crosscheck_spending_over,
                    "crosscheck_kinds": row.crosscheck_kinds,
                    "crosscheck_agency": row.crosscheck_agency}  # fmt: skip
    form = f.SettingsForm(request.POST or None, governments=governments, agencies=agencies,
                          initial=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = run_action(
            request,
            lambda: services.configure_government(
                actor=request.user,
                government=d["government"],
                kinds=d["kinds"],
                large_spending_threshold=d["large_spending_threshold"],
                crosscheck_spending_over=d["crosscheck_spending_over"],
                crosscheck_kinds=d["crosscheck_kinds"],
                crosscheck_agency=d["crosscheck_agency"],
            ),  # fmt: skip
            form=form,
            success=_("已保存。本级政府所属机关登记事项时按新标准执行。"),
            redirect_to=reverse("workbench:keyitems_settings")
            + f"?government={d['government'].pk}",
        )
        if done:
            return done
    context = {"rows": rows, "form": form}
    return render(request, "workbench/keyitems/settings.html", context,
                  status=400 if form.errors else 200)  # fmt: skip
