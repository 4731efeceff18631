"""公共资源交易 on the portal (/ggzy/): projects with search and filters (type, stage,
supervising agency, date), a project's announcement timeline with the outcome of complaints,
the Atom feed of new announcements, the 黑名单 in force, and a bidder's complaint form (logged
in) with "my complaints"."""

import datetime as dt

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.ratelimit import over_limit
from sunshine.kernel.accounts.forms import attach_refusal
from sunshine.opendata.trading import selectors, services
from sunshine.opendata.trading.choices import ProjectStage, TradeCategory

from ..feeds import AtomEntry, AtomFeed, atom_response, excerpt, tag_uri
from ..pagecache import anonymous_page_cache, render_context
from .forms import ComplaintForm, CorrectionForm

PAGE_SIZE = 20
FEED_SIZE = 50
COMPLAINTS_PER_DAY = 10
COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("公共资源交易"),
    "column_type": gettext_lazy("政务公开"),
}


def _date(request, name, errors) -> dt.date | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.append(_("日期“%(d)s”格式不对，应为 YYYY-MM-DD，已忽略。") % {"d": text[:20]})
        return None


def _filters(request) -> tuple[dict, list[str]]:
    errors: list[str] = []
    try:
        agency_id = int(request.GET.get("agency") or 0)
    except ValueError:
        agency_id = 0
    category, stage = request.GET.get("category", ""), request.GET.get("stage", "")
    return {
        "q": request.GET.get("q", "").strip()[:100],
        "category": category if category in TradeCategory.values else "",
        "stage": stage if stage in ProjectStage.values else "",
        "agency_id": agency_id if 0 < agency_id < 2**31 else 0,
        "date_from": _date(request, "from", errors),
        "date_to": _date(request, "to", errors),
    }, errors


@anonymous_page_cache
def project_list(request):
    filters, errors = _filters(request)
    rows = selectors.public_projects(**{**filters, "agency_id": filters["agency_id"] or None})
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **COLUMN,
        **filters,
        "filter_errors": errors,
        "page": page,
        "query": query.urlencode(),
        "categories": TradeCategory.choices,
        "stages": ProjectStage.choices,
        "agencies": selectors.public_agencies(),
        "article_title": _("公共资源交易"),
        "keywords": _("公共资源交易,招标公告,政府采购,中标结果"),
        "description": _(
            "工程建设、政府采购、土地使用权和矿业权出让、国有产权交易项目的公告和结果。"
        ),
    }
    return render(request, "portal/trading/list.html", render_context(request, context))


def _project(pk):
    project = selectors.public_project(pk)
    if project is None:
        raise Http404(_("该交易项目不存在。"))
    return project


@anonymous_page_cache
def project_detail(request, pk):
    project = _project(pk)
    complaints = selectors.public_complaints(project)
    context = {
        **COLUMN,
        "p": project,
        "timeline": selectors.timeline(project),
        "complaints": [(c, selectors.public_complainant(c)) for c in complaints],
        "article_title": project.title,
        "content_source": project.agency.name,
        "author": project.agency.name,
        "pub_date": project.first_published_on.isoformat(),
        "keywords": ",".join([_("公共资源交易"), project.code, project.tenderer]),
        "description": excerpt(project.title, 120),
    }
    return render(request, "portal/trading/detail.html", render_context(request, context))


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new(request, pk):
    """我要投诉: refused input shows the form again with everything as typed (status 400)."""
    project = _project(pk)
    timeline = selectors.timeline(project)
    form = ComplaintForm(request.POST or None, announcements=timeline)
    status = 200
    if request.method == "POST":
        status = 400
        if over_limit(request, "trading.complaint", limit=COMPLAINTS_PER_DAY, window=86400):
            form.is_valid()
            form.add_error(None, _("提交过于频繁，请明天再试。"))
        elif form.is_valid():
            data = dict(form.cleaned_data)
            announcement_id = data.pop("announcement")
            try:
                complaint = services.file_complaint(
                    complainant=request.user, project=project,
                    announcement_id=announcement_id, **data,
                )  # fmt: skip
            except (ValidationError, PermissionDenied) as exc:
                attach_refusal(form, exc)
            else:
                flash.success(request, _filed_message(complaint))
                return redirect("portal:trading_my_complaint", pk=complaint.pk)
    context = {**COLUMN, "p": project, "form": form, "article_title": _("我要投诉")}
    return render(request, "portal/trading/complaint_form.html", context, status=status)


def _filed_message(complaint) -> str:
    """The periods of the complaint's own kind (工程建设 3 wd, the others 5 wd, or a province's
    override) from the kernel rules, and the review clock's actual due date."""
    terms = selectors.complaint_terms(complaint)
    review = terms.review_clock
    return _(
        "投诉已提交。监管部门将在%(n)s%(u)s内（%(d)s前）审查是否受理，受理后自收到投诉之日起"
        "%(m)s%(v)s内作出处理决定，结果在项目页面公布。"
    ) % {
        "n": terms.review.length,
        "u": terms.review.unit_label,
        "d": f"{review.due_date:%Y-%m-%d}" if review else "—",
        "m": terms.decide.length,
        "v": terms.decide.unit_label,
    }


@login_required
def my_complaints(request):
    context = {
        **COLUMN,
        "complaints": selectors.my_complaints(request.user),
        "article_title": _("我的投诉"),
    }
    return render(request, "portal/trading/my_complaints.html", context)


def _mine(request, pk):
    complaint = selectors.my_complaint(request.user, pk)
    if complaint is None:
        raise Http404(_("该投诉不存在。"))
    return complaint


def _my_complaint_page(request, complaint, form=None, status=200):
    context = {
        **COLUMN,
        "c": complaint,
        "terms": selectors.complaint_terms(complaint),
        "files": selectors.correction_files(complaint),
        "awaiting_correction": complaint.state == "received"
        and complaint.correction_requested_at
        and not complaint.corrected_at,
        "correction_form": form or CorrectionForm(),
        "article_title": _("我的投诉"),
    }
    return render(request, "portal/trading/my_complaint.html", context, status=status)


@login_required
def my_complaint(request, pk):
    return _my_complaint_page(request, _mine(request, pk))


@login_required
@require_POST
def submit_correction(request, pk):
    """提交补正: refused, the page comes back with the text as typed (status 400); a file
    cannot be kept by the browser, so the error asks to choose it again."""
    complaint = _mine(request, pk)
    form = CorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_correction(
                actor=request.user, complaint=complaint, text=data["text"], upload=data["file"]
            )
        except (ValidationError, PermissionDenied) as exc:
            attach_refusal(form, exc)
        else:
            flash.success(request, _("补正材料已提交，监管部门继续审查。"))
            return redirect("portal:trading_my_complaint", pk=complaint.pk)
    if request.FILES.get("file") and not form.has_error("file"):
        form.add_error("file", _("文件未保存，请重新选择。"))
    return _my_complaint_page(request, _mine(request, pk), form, status=400)


@login_required
def correction_file(request, pk, file_pk):
    attachment = selectors.correction_file(_mine(request, pk), file_pk)
    if attachment is None:
        raise Http404(_("该文件不存在。"))
    return _private_file(attachment)


def _private_file(a):
    response = FileResponse(
        a.file.open("rb"), content_type=a.mime_type, as_attachment=True, filename=a.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def withdraw_complaint(request, pk):
    complaint = _mine(request, pk)
    try:
        services.withdraw_complaint(actor=request.user, complaint=complaint)
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        flash.success(request, _("投诉已撤回。"))
    return redirect("portal:trading_my_complaint", pk=complaint.pk)


@anonymous_page_cache
def blacklist(request):
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.in_force_blacklist(q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **COLUMN,
        "q": q,
        "page": page,
        "article_title": _("公共资源交易黑名单"),
        "description": _("公布期内的公共资源交易失信主体。"),
    }
    return render(request, "portal/trading/blacklist.html", render_context(request, context))


@anonymous_page_cache
def feed(request):
    site = request.site
    host = site.host or request.get_host()
    list_url = request.build_absolute_uri(reverse("portal:trading_list"))
    entries = []
    for notice in selectors.latest_announcements(FEED_SIZE):
        project = notice.project
        published = dt.datetime.combine(notice.published_on, dt.time(0, 0), tzinfo=dt.UTC)
        entries.append(
            AtomEntry(
                id=tag_uri(host, published, f"ggzy/{project.pk}/{notice.pk}"),
                title=notice.title,
                link=request.build_absolute_uri(
                    reverse("portal:trading_detail", args=[project.pk]) + f"#n{notice.pk}"
                ),
                published=published,
                updated=notice.updated_at,
                summary=f"{notice.get_kind_display()} {project.code}。{excerpt(notice.body, 160)}",
                author=project.agency.name,
                categories=[str(notice.get_kind_display()), str(project.get_category_display())],
            )
        )
    return atom_response(
        AtomFeed(
            id=list_url,
            title=_("%(site)s · 公共资源交易") % {"site": site.name},
            subtitle=_("公共资源交易公告和结果"),
            alternate=list_url,
            self_link=request.build_absolute_uri(request.path),
            author=site.sponsor or site.name,
            entries=entries,
        )
    )
