"""Staff pages of 政务公开培训: the 3-year coverage of one's agencies (each agency's untrained
staff flagged), courses, sessions with their attendance (one by one or a CSV 签到表 imported as
a kernel FileJob), and each person's training record. Thin: scoped selectors for reads (404
outside one's agencies), services for writes through `run_action`."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.assessment.training import imports, selectors, services
from sunshine.assessment.training.choices import COVERAGE_YEARS
from sunshine.kernel import clock
from sunshine.kernel.access.policy import agencies_for, can

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms


def _require_view(user) -> None:
    if not may_anywhere(user, "training.view"):
        raise PermissionDenied(_("您没有查看培训记录的权限。"))


def _require_manage(user) -> None:
    if not may_anywhere(user, "training.manage"):
        raise PermissionDenied(_("只有公开办、单位管理员或督查岗位可以登记培训。"))


def _on_date(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return clock.today()


@never_cache
@staff_required
def index(request):
    _require_view(request.user)
    on = _on_date(request)
    rows = selectors.coverage_for_staff(request.user, on)
    sessions = selectors.sessions_for_staff(request.user)[:20]
    context = {
        "rows": rows,
        "on": on,
        "years": COVERAGE_YEARS,
        "start": selectors.window(on)[0],
        "sessions": sessions,
        "may_manage": may_anywhere(request.user, "training.manage"),
    }
    return render(request, "workbench/training/index.html", context)


@never_cache
@staff_required
def agency_coverage(request, pk):
    _require_view(request.user)
    agency = selectors.agency_for_staff(request.user, pk)
    if agency is None:
        raise Http404(_("该机关不存在，或不在您的权限范围内。"))
    on = _on_date(request)
    context = {"cov": selectors.coverage(agency, on), "agency": agency, "years": COVERAGE_YEARS}
    return render(request, "workbench/training/coverage.html", context)


@never_cache
@staff_required
def person(request, pk):
    _require_view(request.user)
    who = selectors.person_for_staff(request.user, pk)
    if who is None:
        raise Http404(_("该人员不存在，或不在您的权限范围内。"))
    record = selectors.person_record(who, clock.today())
    return render(request, "workbench/training/person.html", {"record": record, "who": who})


@never_cache
@staff_required
def course_list(request):
    _require_view(request.user)
    context = {
        "courses": selectors.courses(),
        "may_manage": may_anywhere(request.user, "training.manage"),
    }
    return render(request, "workbench/training/courses.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    _require_manage(request.user)
    agencies = agencies_for(request.user, "training.manage").order_by("path")
    own = agencies.filter(pk=request.user.agency_id).first()
    form = forms.CourseForm(
        request.POST or None, agencies=agencies, initial={"agency": own or agencies.first()}
    )
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_course(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("已添加课程。"),
            redirect_to=reverse("workbench:training_courses"),
        )
        if done:
            return done
    return render(request, "workbench/training/form.html", {"form": form, "what": _("添加课程")})


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    _require_manage(request.user)
    agencies = agencies_for(request.user, "training.manage").order_by("path")
    own = agencies.filter(pk=request.user.agency_id).first()
    initial = {
        "organizer": own or agencies.first(),
        "agency": own,
        "course": request.GET.get("course"),
    }
    form = forms.SessionForm(
        request.POST or None, courses=selectors.courses(), agencies=agencies, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_session(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("已设立培训班次。"),
            redirect_to=lambda s: reverse("workbench:training_session", args=[s.pk]),
        )
        if done:
            return done
    return render(
        request, "workbench/training/form.html", {"form": form, "what": _("设立培训班次")}
    )


def _session(request, pk):
    _require_view(request.user)
    session = selectors.session_for_staff(request.user, pk)
    if session is None:
        raise Http404(_("该培训班次不存在，或不在您的权限范围内。"))
    return session


def _session_page(request, session, *, form=None, import_form=None, status=200):
    may_record = may_anywhere(request.user, "training.manage") and (
        session.agency_id is None or can(request.user, "training.manage", session.agency)
    )
    people = selectors.staff_choices(request.user, session)
    context = {
        "session": session,
        "rows": selectors.attendance_of(request.user, session),
        "may_record": may_record,
        "form": form or forms.AttendanceForm(people=people),
        "import_form": import_form or forms.ImportForm(),
    }
    return render(request, "workbench/training/session.html", context, status=status)


@never_cache
@staff_required
def session_detail(request, pk):
    return _session_page(request, _session(request, pk))


@never_cache
@staff_required
@require_POST
def session_record(request, pk):
    session = _session(request, pk)
    people = selectors.staff_choices(request.user, session)
    form = forms.AttendanceForm(request.POST, people=people)
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.record_attendance(
                actor=request.user, session=session, **form.cleaned_data
            ),
            form=form,
            success=_("已登记。"),
            redirect_to=reverse("workbench:training_session", args=[session.pk]),
        )
        if done:
            return done
    return _session_page(request, session, form=form, status=422)


@never_cache
@staff_required
@require_POST
def session_import(request, pk):
    session = _session(request, pk)
    form = forms.ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = imports.start_import(
                actor=request.user, session=session, uploaded_file=form.cleaned_data["file"]
            )
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            for message in messages:
                form.add_error("file", message)
        else:
            return redirect("workbench:filejob", job.pk)
    return _session_page(request, session, import_form=form, status=422)
