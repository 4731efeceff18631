"""Staff pages of 网站自查 (runs with their findings, veto items first; the on-demand button that
queues a background crawl), of the yearly 政府网站工作年度报表 (generate, check, publish by 31
January), and the queue of 我为政府网站找错 (confirm within 1 working day, correct within 5).
Thin: scoped selectors for reads (404 outside one's agencies), services for writes."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.assessment.errorreports import selectors as error_selectors
from sunshine.assessment.errorreports import services as error_services
from sunshine.assessment.errorreports.choices import ReportState as ErrorState
from sunshine.assessment.sitecheck import selectors, services, yearly
from sunshine.assessment.sitecheck.choices import ReportState, RunState
from sunshine.assessment.sitecheck.targets import site_targets
from sunshine.kernel import clock
from sunshine.kernel.access.policy import can
from sunshine.kernel.accounts.forms import attach_errors
from sunshine.kernel.orgs.models import Agency

from ..access import may_anywhere, staff_required
from .forms import NoteForm, ReportForm, RunForm

PAGE_SIZE = 30


class _AgencyOf:
    """An object with `.agency`, for asking the access policy about a site before a row exists."""

    def __init__(self, agency_id):
        self.agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None


def _require(user, action):
    if not may_anywhere(user, action):
        raise PermissionDenied(_("您没有此项权限。"))


def _hosts(user, action):
    """(target, label) of the sites whose agency the user may `action`."""
    return [t for t in site_targets() if can(user, action, _AgencyOf(t.agency_id))]


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def run_list(request):
    _require(request.user, "sitecheck.view")
    targets = _hosts(request.user, "sitecheck.run")
    form = RunForm(request.POST or None, hosts=[(t.host, t.name) for t in targets])
    if request.method == "POST":
        if form.is_valid():
            target = next(t for t in targets if t.host == form.cleaned_data["host"])
            try:
                run = services.request_run(
                    actor=request.user, target=target, max_pages=form.cleaned_data["max_pages"]
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                flash.success(request, _("已发起自查，将在后台进行，完成后本页显示结果。"))
                return redirect("workbench:sitecheck_run", run.pk)
    page = Paginator(selectors.runs_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "form": form if targets else None}
    return render(request, "workbench/sitecheck/runs.html", context)


@never_cache
@staff_required
def run_detail(request, pk):
    _require(request.user, "sitecheck.view")
    run = selectors.run_for(request.user, pk)
    if run is None:
        raise Http404(_("该自查记录不存在，或不在您的权限范围内。"))
    context = {
        "run": run,
        "findings": selectors.run_findings(run),
        "running": run.state in (RunState.QUEUED, RunState.RUNNING),
        "columns": run.summary.get("columns", []),
        "indicators": run.summary.get("indicators", []),
    }
    return render(request, "workbench/sitecheck/run_detail.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def report_list(request):
    _require(request.user, "sitecheck.view")
    targets = _hosts(request.user, "sitecheck.publish_report")
    last_year = timezone.localdate(clock.now()).year - 1
    form = ReportForm(
        request.POST or None,
        hosts=[(t.host, t.name) for t in targets],
        initial={"year": last_year},
    )
    if request.method == "POST" and form.is_valid():
        target = next(t for t in targets if t.host == form.cleaned_data["host"])
        try:
            report = yearly.generate(target, form.cleaned_data["year"], actor=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            flash.success(request, _("年度报表已生成，请核对后发布。"))
            return redirect("workbench:sitecheck_report", report.pk)
    context = {"reports": selectors.reports_for(request.user), "form": form if targets else None}
    return render(request, "workbench/sitecheck/reports.html", context)


@never_cache
@staff_required
def report_detail(request, pk):
    _require(request.user, "sitecheck.view")
    report = selectors.report_for(request.user, pk)
    if report is None:
        raise Http404(_("该年度报表不存在，或不在您的权限范围内。"))
    context = {
        "report": report,
        "data": report.data,
        "clocks": selectors.report_clocks(report),
        "may_publish": report.state == ReportState.DRAFT
        and can(request.user, "sitecheck.publish_report", report),
    }
    return render(request, "workbench/sitecheck/report_detail.html", context)


@staff_required
@require_POST
def report_act(request, pk, act):
    _require(request.user, "sitecheck.view")
    report = selectors.report_for(request.user, pk)
    if report is None:
        raise Http404(_("该年度报表不存在，或不在您的权限范围内。"))
    try:
        if act == "publish":
            yearly.publish(report, actor=request.user)
            flash.success(request, _("年度报表已发布。"))
        elif act == "regenerate":
            from sunshine.assessment.sitecheck.targets import target_by_host

            target = target_by_host(report.host)
            if target is None:
                raise ValidationError(_("找不到该网站。"))
            yearly.generate(target, report.year, actor=request.user)
            flash.success(request, _("已按最新数据重新生成。"))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("workbench:sitecheck_report", report.pk)


@never_cache
@staff_required
def errorreport_list(request):
    _require(request.user, "errorreport.view")
    state = request.GET.get("state", "open")
    rows = error_selectors.staff_reports(request.user, state=state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for report in page.object_list:
        report.clocks = error_selectors.open_clocks(report)
    states = [("open", _("待办")), *ErrorState.choices, ("", _("全部"))]
    return render(
        request,
        "workbench/sitecheck/errors.html",
        {"page": page, "state": state, "states": states},
    )


@never_cache
@staff_required
def errorreport_detail(request, pk):
    _require(request.user, "errorreport.view")
    report = error_selectors.report_for_staff(request.user, pk)
    if report is None:
        raise Http404(_("该纠错不存在，或不在您的权限范围内。"))
    return _error_page(request, report, NoteForm())


def _error_page(request, report, form, status=200):
    context = {
        "report": report,
        "clocks": error_selectors.report_clocks(report),
        "form": form,
        "may_handle": report.state in (ErrorState.SUBMITTED, ErrorState.ACKNOWLEDGED)
        and can(request.user, "errorreport.handle", report),
        "submitted": report.state == ErrorState.SUBMITTED,
    }
    return render(request, "workbench/sitecheck/error_detail.html", context, status=status)


@staff_required
@require_POST
def errorreport_act(request, pk, act):
    _require(request.user, "errorreport.view")
    report = error_selectors.report_for_staff(request.user, pk)
    if report is None:
        raise Http404(_("该纠错不存在，或不在您的权限范围内。"))
    form = NoteForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    try:
        if act == "acknowledge":
            error_services.acknowledge(report=report, actor=request.user, note=note)
            flash.success(request, _("已确认，请在 5 个工作日内改正。"))
        elif act in ("fix", "reject"):
            error_services.close(report=report, actor=request.user, fixed=act == "fix", note=note)
            flash.success(request, _("已办结。"))
        else:
            raise Http404
    except ValidationError as exc:
        attach_errors(form, exc)
        return _error_page(request, report, form, status=400)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return _error_page(request, report, form, status=403)
    return redirect("workbench:errorreport_detail", report.pk)
