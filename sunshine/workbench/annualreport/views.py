"""Staff pages of the 政府信息公开工作年度报告: the reports of the user's agencies for a year
with their due dates; one report — sections 一, 五, 六 drafted with the computed facts offered
as text to insert, the tables, the invariants that fail — saved, downloaded (DOCX, PDF) and
published."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.disclosure.annualreport import selectors, services, text
from sunshine.disclosure.annualreport.choices import SECTION_FIELDS
from sunshine.kernel import clock

from ..access import staff_required
from ..actions import run_action
from .forms import ReportForm


def _year(raw) -> int:
    last = clock.today().year - 1
    try:
        year = int(raw or last)
    except (TypeError, ValueError):
        return last
    return min(max(year, 2008), clock.today().year)


def _agency(request, agency_id):
    agency = selectors.agency_for(request.user, agency_id)
    if agency is None:
        raise Http404(_("没有该机关，或您无权查看其年度报告。"))
    return agency


def _report(agency, year):
    """The saved report, or an unsaved one to show what would be computed."""
    return selectors.report_of(agency, year) or selectors.unsaved_report(agency, year)


def _url(report) -> str:
    return reverse("workbench:annualreport_detail", args=[report.agency_id, report.year])


@never_cache
@staff_required
def report_list(request):
    agencies = list(selectors.report_agencies(request.user)[:500])
    if not agencies:
        raise PermissionDenied(_("您没有查看政府信息公开工作年度报告的权限。"))
    year = _year(request.GET.get("year"))
    saved = {r.agency_id: r for r in selectors.reports_for(request.user, year=year)}
    rows = []
    for agency in agencies:
        report = saved.get(agency.pk)
        due = services.due_date(agency, year)
        rows.append({"agency": agency, "report": report, "due": due})
    context = {
        "rows": rows,
        "year": year,
        "years": list(range(clock.today().year, 2019, -1)),
    }
    return render(request, "workbench/annualreport/list.html", context)


def _page(request, report, form, status=200):
    data = services.compute(report)
    stored_clock = selectors.report_clock(report) if report.pk else None
    context = {
        "report": report,
        "data": data,
        "form": form,
        "facts": data["facts"],
        "failures": data["failures"],
        "clock": stored_clock,
        "due": services.due_date(report.agency, report.year),
        "may_edit": selectors.may_edit(request.user, report),
        "may_publish": selectors.may_publish(request.user, report),
        **text.html_context(data),
    }
    return render(request, "workbench/annualreport/detail.html", context, status=status)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def report_detail(request, agency_id, year):
    agency = _agency(request, agency_id)
    report = _report(agency, _year(year))
    if report.year != year:
        raise Http404()
    government = agency.kind in services.GOVERNMENT_KINDS
    initial = {f: getattr(report, f) for f in SECTION_FIELDS.values()}
    initial.update({f"manual_{k}": v for k, v in (report.manual or {}).items()})
    initial["rollup"] = report.rollup
    form = ReportForm(
        request.POST or None,
        initial=initial,
        manual_rows=services.manual_rows(),
        government=government,
    )
    if request.method == "POST":
        if not selectors.may_edit(request.user, report):
            raise PermissionDenied(_("您不能修改该年度报告。"))
        if form.is_valid():

            def save():
                saved = services.get_or_open(agency, year, actor=request.user)
                return services.save_draft(
                    report=saved,
                    actor=request.user,
                    texts=form.texts(),
                    manual=form.manual(),
                    rollup=form.cleaned_data.get("rollup") if government else None,
                )

            done = run_action(
                request,
                save,
                form=form,
                aliases={k: f"manual_{k}" for k in ("coercion", "licensing", "penalty")},
                success=_("已保存。"),
                redirect_to=_url,
            )
            if done:
                return done
        # what was typed stays in the form; the page shows the report as saved
        return _page(request, report, form, status=400)
    return _page(request, report, form)


@never_cache
@staff_required
@require_POST
def report_publish(request, agency_id, year):
    agency = _agency(request, agency_id)
    report = selectors.report_of(agency, year)
    if report is None:
        raise Http404(_("请先保存年度报告。"))
    return run_action(
        request,
        lambda: services.publish(report=report, actor=request.user),
        success=_("年度报告已发布，并已在政府信息公开年报栏目公开。"),
        redirect_to=_url(report),
    )


@never_cache
@staff_required
def report_download(request, agency_id, year, fmt):
    agency = _agency(request, agency_id)
    report = _report(agency, year)
    data = services.compute(report)
    name = f"annual-report-{agency.pk}-{year}"
    if fmt == "docx":
        response = HttpResponse(
            text.render_docx(data),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    elif fmt == "pdf":
        response = HttpResponse(text.render_pdf(data), content_type="application/pdf")
    else:
        raise Http404()
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Last-Modified"] = timezone.now().strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response
