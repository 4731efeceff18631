"""Staff pages of 公共资源交易: the projects of one's agencies, a project with its announcements
and complaints, the import (an upload run as a kernel FileJob; feed sources pulled on their
schedule, or now), the complaints queue with the clocks (the review: 5 wd, 工程建设 3 wd; the
decision within 30 wd of receipt — the rules of opendata/trading/rules.py), one complaint with
the acts its state allows (补正通知, 受理, 不予受理, 处理决定, pause/resume), and the blacklist.
Thin: scoped selectors (404 outside one's agencies), services for writes through `run_action`."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.policy import can
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.opendata.trading import harvest, selectors, services
from sunshine.opendata.trading.choices import ComplaintState, TradeCategory

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms

PAGE_SIZE = 30


def _require(user, action="trading.view_staff") -> None:
    if not may_anywhere(user, action):
        raise PermissionDenied(_("您没有公共资源交易的相应权限。"))


@never_cache
@staff_required
def project_list(request):
    _require(request.user)
    q, category = request.GET.get("q", "").strip()[:100], request.GET.get("category", "")
    rows = selectors.projects_for_staff(request.user, q=q, category=category)
    context = {
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "q": q,
        "category": category,
        "categories": TradeCategory.choices,
        "may_import": may_anywhere(request.user, "trading.import"),
    }
    return render(request, "workbench/trading/list.html", context)


@never_cache
@staff_required
def project_detail(request, pk):
    _require(request.user)
    project = selectors.project_for_staff(request.user, pk)
    if project is None:
        raise Http404(_("该交易项目不存在，或不在您的权限范围内。"))
    context = {"p": project, "complaints": project.complaints.order_by("-received_at")}
    return render(request, "workbench/trading/detail.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    """Upload a feed file (a background FileJob: the job's page shows progress and the report),
    and the feed sources pulled over HTTP."""
    _require(request.user, "trading.import")
    agencies = selectors.staff_agencies(request.user)
    form = forms.ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    source_form = forms.FeedSourceForm(agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: harvest.start_upload_import(
                actor=request.user,
                agency=data["agency"],
                platform=data["platform"],
                fmt=data["fmt"],
                uploaded_file=data["file"],
            ),  # fmt: skip
            form=form,
            success=_("文件已上传，正在后台导入。"),
            redirect_to=lambda job: reverse("workbench:filejob", args=[job.pk]),
        )
        if done:
            return done
    return _import_page(request, form, source_form, status=400 if request.method == "POST" else 200)


def _import_page(request, form, source_form, status=200):
    context = {
        "form": form,
        "source_form": source_form,
        "sources": selectors.feeds_for_staff(request.user),
        "runs": selectors.runs_for_staff(request.user),
    }
    return render(request, "workbench/trading/import.html", context, status=status)


@never_cache
@staff_required
@require_POST
def source_create(request):
    _require(request.user, "trading.import")
    agencies = selectors.staff_agencies(request.user)
    source_form = forms.FeedSourceForm(request.POST, agencies=agencies)
    if source_form.is_valid():
        data = dict(source_form.cleaned_data)
        done = run_action(
            request,
            lambda: harvest.create_feed_source(actor=request.user, **data),
            form=source_form,
            success=_("数据源已保存，将按设定时间采集。"),
            redirect_to=reverse("workbench:trading_import"),
        )
        if done:
            return done
    return _import_page(request, forms.ImportForm(agencies=agencies), source_form, status=400)


@never_cache
@staff_required
@require_POST
def source_pull(request, pk):
    _require(request.user, "trading.import")
    source = selectors.feed_for_staff(request.user, pk)
    if source is None:
        raise Http404(_("该数据源不存在。"))
    return run_action(
        request,
        lambda: harvest.pull_source(source=source, actor=request.user),
        success=lambda r: (
            _("采集完成：新增 %(c)s，更新 %(u)s，未变 %(n)s，失败 %(f)s。")
            % {"c": r["created"], "u": r["updated"], "n": r["unchanged"], "f": r["failed"]}
        ),
        redirect_to=reverse("workbench:trading_import"),
    )


@never_cache
@staff_required
def complaint_list(request):
    _require(request.user)
    state = request.GET.get("state", "")
    context = {
        "complaints": selectors.complaint_queue(request.user, state=state),
        "state": state,
        "states": ComplaintState.choices,
    }
    return render(request, "workbench/trading/complaints.html", context)


def _complaint(request, pk):
    _require(request.user)
    complaint = selectors.complaint_for_staff(request.user, pk)
    if complaint is None:
        raise Http404(_("该投诉不存在，或不在您的权限范围内。"))
    return complaint


def _complaint_page(request, complaint, status=200, **bound):
    context = {
        "c": complaint,
        "clocks": clocks_for(complaint),
        "terms": selectors.complaint_terms(complaint),
        "files": selectors.correction_files(complaint),
        "may_handle": can(request.user, "trading.complaint", complaint),
        "correct_form": bound.get("correct") or forms.CorrectionRequestForm(),
        "reject_form": bound.get("reject") or forms.RejectForm(),
        "decide_form": bound.get("decide") or forms.DecideForm(),
        "pause_form": bound.get("pause") or forms.PauseForm(),
    }
    return render(request, "workbench/trading/complaint.html", context, status=status)


@never_cache
@staff_required
def complaint_detail(request, pk):
    return _complaint_page(request, _complaint(request, pk))


@never_cache
@staff_required
@require_POST
def complaint_act(request, pk, act):
    complaint = _complaint(request, pk)
    url = reverse("workbench:trading_complaint", args=[complaint.pk])
    user = request.user
    if act == "accept":
        return run_action(request, lambda: services.accept_complaint(actor=user, complaint=complaint),
                          success=_("已受理。"), redirect_to=url)  # fmt: skip
    if act == "resume":
        return run_action(request, lambda: services.resume_decision(actor=user, complaint=complaint),
                          success=_("已恢复计时。"), redirect_to=url)  # fmt: skip
    calls = {
        "correct": (
            forms.CorrectionRequestForm,
            lambda d: services.request_correction(actor=user, complaint=complaint, **d),
            _("已通知投诉人补正，审查期限暂停计算。"),
        ),  # fmt: skip
        "reject": (
            forms.RejectForm,
            lambda d: services.reject_complaint(
                actor=user, complaint=complaint, reason=d["reason"]
            ),
            _("已决定不予受理。"),
        ),  # fmt: skip
        "decide": (
            forms.DecideForm,
            lambda d: services.decide_complaint(actor=user, complaint=complaint, **d),
            _("处理决定已作出，并在项目页面公布。"),
        ),  # fmt: skip
        "pause": (
            forms.PauseForm,
            lambda d: services.pause_decision(actor=user, complaint=complaint, reason=d["reason"]),
            _("已暂停计时。"),
        ),  # fmt: skip
    }
    if act not in calls:
        raise Http404()
    form_class, call, success = calls[act]
    form = form_class(request.POST)
    if form.is_valid():
        done = run_action(request, lambda: call(form.cleaned_data), form=form,
                          denied_as_message=True, success=success, redirect_to=url)  # fmt: skip
        if done:
            return done
    return _complaint_page(request, complaint, status=400, **{act: form})


@never_cache
@staff_required
def complaint_file(request, pk, file_pk):
    """A file the complainant sent with the 补正 (private: never cached, downloaded)."""
    attachment = selectors.correction_file(_complaint(request, pk), file_pk)
    if attachment is None:
        raise Http404(_("该文件不存在。"))
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def blacklist(request):
    _require(request.user)
    agencies = selectors.staff_agencies(request.user, "trading.blacklist")
    form = forms.BlacklistForm(request.POST or None, agencies=agencies)
    if request.method == "POST":
        _require(request.user, "trading.blacklist")
        if form.is_valid():
            data = dict(form.cleaned_data)
            done = run_action(
                request,
                lambda: services.register_blacklist(actor=request.user, **data),
                form=form,
                success=_("已登记，公布后在网站显示。"),
                redirect_to=reverse("workbench:trading_blacklist"),
            )
            if done:
                return done
    context = {
        "entries": selectors.blacklist_for_staff(request.user)[:200],
        "form": form,
        "may_edit": may_anywhere(request.user, "trading.blacklist"),
        "revoke_form": forms.RevokeForm(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workbench/trading/blacklist.html", context, status=status)


@never_cache
@staff_required
@require_POST
def blacklist_act(request, pk, act):
    _require(request.user)
    entry = selectors.blacklist_entry_for_staff(request.user, pk)
    if entry is None:
        raise Http404(_("该记录不存在。"))
    url = reverse("workbench:trading_blacklist")
    if act == "publish":
        call = lambda: services.publish_blacklist(actor=request.user, entry=entry)  # noqa: E731
        success = _("已公布。")
    elif act == "revoke":
        reason = request.POST.get("reason", "")
        call = lambda: services.revoke_blacklist(actor=request.user, entry=entry, reason=reason)  # noqa: E731
        success = _("已撤销。")
    else:
        raise Http404()
    return run_action(request, call, success=success, redirect_to=url)
