"""我为政府网站找错 (the public error-report form, linked from every page's footer with the
page's address) and the published 政府网站工作年度报表 of the site, per year."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sunshine.assessment.errorreports import services
from sunshine.assessment.errorreports.choices import PER_HOUR
from sunshine.assessment.sitecheck import selectors
from sunshine.assessment.sitecheck.targets import target_for
from sunshine.kernel.access.ratelimit import over_limit
from sunshine.kernel.accounts.forms import attach_errors
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.sites.models import Site

from ..pagecache import anonymous_page_cache, render_context
from .forms import ErrorReportForm

COLUMN = {"column_name": gettext_lazy("我为政府网站找错"), "column_type": gettext_lazy("互动交流")}
SESSION_KEY = "errorreport_last"


def _site(request):
    identity = getattr(request, "site", None)
    site = Site.objects.filter(pk=identity.id).first() if identity and identity.id else None
    return identity, site


@require_http_methods(["GET", "POST"])
def report_error(request):
    initial = {"page_url": request.GET.get("url", "")[:500]}
    form = ErrorReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            form.add_error(None, _("提交失败，请稍后再试。"))
        elif over_limit(request, "errorreports.submit", limit=PER_HOUR, window=3600):
            form.add_error(None, _("提交过于频繁，请一小时后再试。"))
        else:
            identity, site = _site(request)
            target = target_for(site)
            agency = Agency.objects.filter(pk=target.agency_id).first()
            try:
                report = services.submit_report(
                    site_id=target.site_id,
                    host=target.host,
                    agency=agency,
                    page_url=data["page_url"],
                    kind=data["kind"],
                    description=data["description"],
                    contact_name=data["contact_name"],
                    contact=data["contact"],
                    reporter=request.user,
                    allowed_host=request.get_host(),
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                request.session[SESSION_KEY] = {"pk": report.pk, "url": report.page_url}
                return redirect("portal:errorreport_thanks")
    context = {**COLUMN, "article_title": _("我为政府网站找错"), "form": form}
    return render(request, "portal/sitecheck/report_error.html", context)


def report_thanks(request):
    last = request.session.get(SESSION_KEY)
    if not last:
        return redirect("portal:errorreport")
    context = {
        **COLUMN,
        "article_title": _("纠错已提交"),
        "number": last["pk"],
        "back": last["url"],
    }
    return render(request, "portal/sitecheck/report_thanks.html", context)


@anonymous_page_cache
def yearly_reports(request):
    identity = getattr(request, "site", None)
    years = selectors.published_years(identity.host) if identity else []
    context = {
        "column_name": _("政府网站工作年度报表"),
        "column_type": _("政务公开"),
        "article_title": _("政府网站工作年度报表"),
        "years": years,
    }
    return render(request, "portal/sitecheck/yearly_list.html", render_context(request, context))


@anonymous_page_cache
def yearly_report(request, year):
    identity = getattr(request, "site", None)
    report = selectors.published_report(identity.host, year) if identity else None
    if report is None:
        raise Http404(_("该年度报表不存在或尚未发布。"))
    title = _("%(site)s %(year)s年政府网站工作年度报表") % {"site": report.site_name, "year": year}
    context = {
        "column_name": _("政府网站工作年度报表"),
        "column_type": _("政务公开"),
        "article_title": title,
        "pub_date": f"{timezone.localtime(report.published_at):%Y-%m-%d %H:%M}",
        "report": report,
        "data": report.data,
        "title": title,
    }
    return render(request, "portal/sitecheck/yearly_report.html", render_context(request, context))
