"""Staff pages of the deadline engine: my agency's clocks by urgency, a clock with its events,
and the pause / resume / extend forms (shown only to those who may use them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel.access.policy import agencies_for, can
from sunshine.kernel.deadlines import selectors, services
from sunshine.kernel.deadlines.models import Clock, ClockAlert

from ..access import staff_required
from ..actions import run_action
from .forms import ExtendForm, PauseForm

PAGE_SIZE = 50


def _clock_or_404(request, pk: int) -> Clock:
    clock = selectors.clock_for_user(request.user, pk)
    if clock is None:
        raise Http404(_("没有找到该期限。"))
    return clock


@never_cache
@staff_required
def clock_list(request):
    agencies = agencies_for(request.user, "clock.view")
    agency = None
    if request.GET.get("agency", "").isdigit():
        agency = agencies.filter(pk=int(request.GET["agency"])).first()
    qs = selectors.clocks_for_user(request.user, agency=agency)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "clocks": selectors.with_time_left(page.object_list),
        "counts": selectors.clock_counts_for_user(request.user, agency=agency),
        "agencies": choosable if len(choosable := list(agencies[:200])) > 1 else [],
        "agency": agency,
    }
    return render(request, "workbench/clocks/clock_list.html", context)


def _detail_context(request, clock: Clock, **forms) -> dict:
    user = request.user
    may_pause = can(user, "clock.pause", clock) and clock.is_open
    may_extend = can(user, "clock.extend", clock) and clock.is_open
    return {
        "clock": selectors.with_time_left([clock])[0],
        "obj": clock.content_object,
        "events": selectors.clock_events(clock),
        "alerts": selectors.clock_alerts(clock),
        "may_pause": may_pause and clock.state == Clock.State.RUNNING,
        "may_resume": may_pause and clock.state == Clock.State.PAUSED,
        "may_extend": may_extend,
        "pause_form": forms.get("pause_form") or PauseForm(),
        "extend_form": forms.get("extend_form")
        or (ExtendForm(clock=clock) if may_extend else None),
    }


@never_cache
@staff_required
def clock_detail(request, pk: int):
    clock = _clock_or_404(request, pk)
    return render(request, "workbench/clocks/clock_detail.html", _detail_context(request, clock))


@require_POST
@never_cache
@staff_required
def clock_pause(request, pk: int):
    clock = _clock_or_404(request, pk)
    form = PauseForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, clock, pause_form=form)
        return render(request, "workbench/clocks/clock_detail.html", context, status=400)
    reason = form.cleaned_data["reason"]
    return run_action(
        request,
        lambda: services.pause_clock(clock=clock, actor=request.user, reason=reason),
        success=_("期限已暂停。"),
        redirect_to=clock.get_absolute_url(),
        denied_as_403=True,
    )


@require_POST
@never_cache
@staff_required
def clock_resume(request, pk: int):
    clock = _clock_or_404(request, pk)
    return run_action(
        request,
        lambda: services.resume_clock(clock=clock, actor=request.user),
        success=_("期限已恢复计时。"),
        redirect_to=clock.get_absolute_url(),
        denied_as_403=True,
    )


@require_POST
@never_cache
@staff_required
def clock_extend(request, pk: int):
    clock = _clock_or_404(request, pk)
    if not can(request.user, "clock.extend", clock):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    form = ExtendForm(request.POST, clock=clock)
    if not form.is_valid():
        context = _detail_context(request, clock, extend_form=form)
        return render(request, "workbench/clocks/clock_detail.html", context, status=400)
    data = form.cleaned_data
    return run_action(
        request,
        lambda: services.extend_clock(
            clock=clock,
            actor=request.user,
            approver=data["approver"],
            length=data["length"],
            reason=data["reason"],
        ),
        success=_("期限已延期。"),
        redirect_to=clock.get_absolute_url(),
        denied_as_403=True,
    )


@require_POST
@never_cache
@staff_required
def alert_acknowledge(request, pk: int, alert_pk: int):
    clock = _clock_or_404(request, pk)
    alert = get_object_or_404(ClockAlert, pk=alert_pk, clock=clock)
    services.acknowledge_alert(alert=alert, actor=request.user)
    messages.success(request, _("预警已确认。"))
    return redirect(clock)
