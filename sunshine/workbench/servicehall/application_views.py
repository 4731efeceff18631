"""Staff pages of 办件: the queue (deadline colours, filters, assignment, bulk actions) and one
application (materials, step buttons, clocks, full history). Thin: scoped selectors (what a
user may not see is a 404), writes through services.applications.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel.ratings.selectors import ratings_for
from sunshine.kernel.workflow.selectors import available_transitions, history
from sunshine.servicehall.applications import selectors, services
from sunshine.servicehall.applications.choices import ApplicationState

from ..access import staff_required
from ..actions import run_action
from .forms import AssignForm, StepForm
from .registry import may_view_applications

PAGE_SIZE = 30
URGENCIES = [("overdue", _("已超期")), ("due_soon", _("即将到期")), ("on_time", _("正常"))]


def _require_view(user) -> None:
    if not may_view_applications(user):
        raise PermissionDenied(_("您没有查看办件的权限。"))


def _application(request, pk):
    application = selectors.staff_application(request.user, pk)
    if application is None:
        raise Http404(_("该办件不存在，或不在您的权限范围内。"))
    return application


@never_cache
@staff_required
def queue(request):
    _require_view(request.user)
    g = request.GET
    state = g.get("state", "")
    state = state if state in ApplicationState.values else ""
    urgency = g.get("urgency", "")
    urgency = urgency if urgency in dict(URGENCIES) else ""
    assignee = g.get("assignee", "")
    assignee_id = {"me": request.user.pk, "none": "none"}.get(assignee)
    q = g.get("q", "").strip()[:100]
    apps = selectors.staff_queue(
        request.user, state=state or None, urgency=urgency or None, assignee_id=assignee_id, q=q
    )
    page = Paginator(apps, PAGE_SIZE).get_page(g.get("page"))
    page.object_list = selectors.with_step_urgency(page.object_list)
    context = {
        "page": page,
        "state": state,
        "urgency": urgency,
        "assignee": assignee,
        "q": q,
        "states": ApplicationState.choices,
        "urgencies": URGENCIES,
        "handlers": list(selectors.assignable_staff(request.user)),
    }
    return render(request, "workbench/services/queue.html", context)


@staff_required
@require_POST
def bulk(request):
    _require_view(request.user)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][:200]
    apps = list(selectors.staff_queue(request.user).filter(pk__in=ids))
    action = request.POST.get("action")
    if not apps:
        messages.error(request, _("请先勾选办件。"))
    elif action == "accept":
        done, refused = services.bulk_accept(applications=apps, actor=request.user)
        _report(request, _("受理"), done, refused)
    elif action == "assign":
        pk = request.POST.get("assignee", "")
        assignee = next(
            (u for u in selectors.assignable_staff(request.user) if str(u.pk) == pk), None
        )
        if assignee is None:
            messages.error(request, _("请选择承办人。"))
        else:
            done, refused = services.bulk_assign(
                applications=apps, actor=request.user, assignee=assignee
            )
            _report(request, _("分派"), done, refused)
    else:
        messages.error(request, _("请选择批量操作。"))
    return redirect(request.POST.get("next") or "workbench:service_queue")


def _report(request, verb, done, refused) -> None:
    if done:
        messages.success(request, _("%(verb)s %(n)s 件。") % {"verb": verb, "n": len(done)})
    for application, reason in refused:
        messages.error(request, f"{application.number}：{reason}")


def _detail_context(request, application, *, step_form=None, assign_form=None) -> dict:
    transitions = [
        t for t in available_transitions(application, request.user) if t.name != "resubmit"
    ]
    return {
        "application": application,
        "transitions": transitions,
        "step_form": step_form or StepForm(),
        "assign_form": assign_form
        or AssignForm(
            handlers=_handlers_qs(application), initial={"assignee": application.assignee_id}
        ),
        "history": list(history(application)),
        "timeline": selectors.timeline(application),
        "clocks": selectors.step_clocks(application),
        "materials": list(application.submitted_materials.all()),
        "ratings": list(ratings_for(application)),
        "may_assign": request.user.is_authenticated
        and _can(request.user, "service_application.assign", application),
    }


def _can(user, action, obj) -> bool:
    from sunshine.kernel.access.policy import can

    return can(user, action, obj)


def _handlers_qs(application):
    from django.contrib.auth import get_user_model

    pks = [u.pk for u in selectors.handlers_for(application)]
    return get_user_model().objects.filter(pk__in=pks).order_by("display_name")


@never_cache
@staff_required
def detail(request, pk):
    _require_view(request.user)
    application = _application(request, pk)
    return render(
        request, "workbench/services/application.html", _detail_context(request, application)
    )


@staff_required
@require_POST
def step(request, pk, name):
    application = _application(request, pk)
    act = services.STEP_SERVICES.get(name)
    if act is None:
        raise Http404()
    form = StepForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        kwargs = {"application": application, "actor": request.user}
        if name == "reject":
            kwargs["reason"] = d["comment"]
        elif name == "request_correction":
            kwargs["missing"] = [x for x in d["missing"].splitlines() if x.strip()]
            kwargs["comment"] = d["comment"]
        elif name == "review":
            kwargs["opinion"] = d["comment"]
        elif name == "decide":
            kwargs["decision"], kwargs["text"] = d["decision"], d["comment"]
        elif name == "complete":
            kwargs["delivery_method"] = d["delivery_method"] or "online"
            kwargs["comment"] = d["comment"]
        else:
            kwargs["comment"] = d["comment"]
        back = reverse("workbench:service_application_detail", args=[application.pk])
        done = run_action(
            request,
            lambda: act(**kwargs),
            form=form,
            denied_as_message=True,
            success=lambda _r: _("已办理：%(step)s。") % {"step": application.get_state_display()},
            redirect_to=back,
        )
        if done:
            return done
        if form.errors:  # the service's reasons, with the typed text kept
            context = _detail_context(request, application, step_form=form)
            context["failed_step"] = name
            return render(request, "workbench/services/application.html", context, status=400)
    return redirect("workbench:service_application_detail", application.pk)


@staff_required
@require_POST
def assign(request, pk):
    application = _application(request, pk)
    form = AssignForm(request.POST, handlers=_handlers_qs(application))
    back = reverse("workbench:service_application_detail", args=[application.pk])
    if not form.is_valid():
        return redirect(back)
    return run_action(
        request,
        lambda: services.assign_application(
            application=application, actor=request.user, assignee=form.cleaned_data["assignee"]
        ),
        success=_("已分派。"),
        redirect_to=back,
    )


@staff_required
def material_file(request, pk, attachment_pk):
    application = _application(request, pk)
    material = next(
        (m for m in application.submitted_materials.all() if m.attachment_id == attachment_pk), None
    )
    if material is None:
        raise Http404(_("该文件不存在。"))
    a = material.attachment
    response = FileResponse(
        a.file.open("rb"), content_type=a.mime_type, as_attachment=True, filename=a.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
