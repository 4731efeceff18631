"""Staff pages of 会议公开: list, create/edit, seats, opening applications with the announced
number, the applications, the draw, marking held and publishing minutes and decisions. Thin:
reads through the scoped selectors (what a user may not see is a 404), writes through the
services, whose refusals are shown on the page."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.policy import agencies_for, can, can_anywhere
from sunshine.participation.meetings import selectors, services
from sunshine.participation.meetings.choices import PUBLISH_MODES, MeetingOpenness, MeetingState

from ..access import staff_required
from ..actions import run_action
from .forms import MeetingForm, OpenForm, ResultsForm, SeatsForm
from .registry import may_view

PAGE_SIZE = 30


def _meeting(request, pk):
    if not may_view(request.user):
        raise PermissionDenied(_("您没有查看会议公开的权限。"))
    meeting = selectors.meeting_for_staff(request.user, pk)
    if meeting is None:
        raise Http404(_("该会议不存在，或不在您的权限范围内。"))
    return meeting


@never_cache
@staff_required
def meeting_list(request):
    if not may_view(request.user):
        raise PermissionDenied(_("您没有查看会议公开的权限。"))
    state = request.GET.get("state", "")
    state = state if state in MeetingState.values else ""
    q = request.GET.get("q", "").strip()
    items = selectors.staff_meetings(request.user, state=state or None, q=q or None)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "state": state,
        "q": q,
        "states": MeetingState.choices,
        "may_create": can_anywhere(request.user, "meeting.manage"),
    }
    return render(request, "workbench/meetings/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    agencies = agencies_for(request.user, "meeting.manage")
    if not agencies.exists():
        raise PermissionDenied(_("只有单位管理员和公开办人员可以创建会议。"))
    initial = {"openness": MeetingOpenness.PUBLIC, "agency": request.user.agency_id}
    form = MeetingForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save(**data):
            return services.create_meeting(actor=request.user, **data)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已创建会议，请设置列席名额。"),
            redirect_to=lambda meeting: reverse(
                "workbench:meetings_detail", kwargs={"pk": meeting.pk}
            ),
        )
        if done:
            return done
    return render(request, "workbench/meetings/form.html", {"form": form, "meeting": None})


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    meeting = _meeting(request, pk)
    fields = services.EDITABLE
    initial = {f: getattr(meeting, f) for f in fields}
    form = MeetingForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():

        def save(**data):
            return services.update_meeting(actor=request.user, meeting=meeting, **data)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已保存修改。"),
            redirect_to=reverse("workbench:meetings_detail", kwargs={"pk": meeting.pk}),
        )
        if done:
            return done
    return render(request, "workbench/meetings/form.html", {"form": form, "meeting": meeting})


def _detail(request, meeting, **forms):
    manage = can(request.user, "meeting.manage", meeting)
    seat_rows = selectors.seat_rows(meeting)
    seats_initial = {r["category"]: r["seats"] for r in seat_rows}
    editable_seats = manage and meeting.state in (
        MeetingState.PLANNED,
        MeetingState.APPLICATIONS_OPEN,
    )
    context = {
        "meeting": meeting,
        "manage": manage,
        "seat_rows": seat_rows,
        "applications": selectors.applications_for_staff(meeting),
        "draw": selectors.public_draw(meeting),
        "seats_form": forms.get("seats_form")
        or (SeatsForm(initial=seats_initial) if editable_seats else None),
        "open_form": forms.get("open_form")
        or (
            OpenForm(initial={"announced_number": meeting.announced_number})
            if manage and meeting.state == MeetingState.PLANNED
            else None
        ),
        "results_form": forms.get("results_form")
        or (ResultsForm() if manage and meeting.state == MeetingState.HELD else None),
        "modes": [str(label) for k, label in PUBLISH_MODES if k in meeting.publish_modes],
    }
    return render(request, "workbench/meetings/detail.html", context)


@never_cache
@staff_required
def detail(request, pk):
    return _detail(request, _meeting(request, pk))


@staff_required
@require_POST
def seats(request, pk):
    meeting = _meeting(request, pk)
    form = SeatsForm(request.POST)
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.set_seats(actor=request.user, meeting=meeting, seats=form.seats()),
            success=_("已保存列席名额。"),
            redirect_to=reverse("workbench:meetings_detail", kwargs={"pk": meeting.pk}),
            refused_to=None,
        )
        if done:
            return done
    return _detail(request, meeting, seats_form=form)


@staff_required
@require_POST
def open_applications(request, pk):
    meeting = _meeting(request, pk)
    form = OpenForm(request.POST)
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.open_applications(
                actor=request.user,
                meeting=meeting,
                announced_number=form.cleaned_data["announced_number"],
            ),
            form=form,
            denied_as_message=True,
            success=_("已开放列席报名，会议已在门户公开。"),
            redirect_to=reverse("workbench:meetings_detail", kwargs={"pk": meeting.pk}),
        )
        if done:
            return done
    return _detail(request, meeting, open_form=form)


@staff_required
@require_POST
def draw(request, pk):
    meeting = _meeting(request, pk)
    return run_action(
        request,
        lambda: services.close_and_draw(meeting=meeting, actor=request.user),
        success=lambda result: (
            _("已截止报名并抽签，随机种子 %(seed)s。") % {"seed": result.seed_hex[:16]}
        ),
        redirect_to=reverse("workbench:meetings_detail", kwargs={"pk": meeting.pk}),
    )


@staff_required
@require_POST
def held(request, pk):
    meeting = _meeting(request, pk)
    return run_action(
        request,
        lambda: services.mark_held(actor=request.user, meeting=meeting),
        success=_("已标记为已召开。"),
        redirect_to=reverse("workbench:meetings_detail", kwargs={"pk": meeting.pk}),
    )


@staff_required
@require_POST
def results(request, pk):
    meeting = _meeting(request, pk)
    form = ResultsForm(request.POST)
    if form.is_valid():

        def save(**data):
            return services.publish_results(actor=request.user, meeting=meeting, **data)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已公开会议纪要和决定。"),
            redirect_to=reverse("workbench:meetings_detail", kwargs={"pk": meeting.pk}),
        )
        if done:
            return done
    return _detail(request, meeting, results_form=form)
