"""Staff pages of 政府公报: the issues, creating and editing one, picking public records for
it, publishing, its PDF, and uploading an old issue with its processing status. Thin: reads
through the scoped selectors (what a user may not see is a 404), writes through the services,
whose permission checks and messages are shown on the page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.disclosure.gazette import historical, selectors, services
from sunshine.disclosure.gazette.choices import SECTION_SUGGESTIONS, Processing
from sunshine.disclosure.gazette.workflow import IssueState
from sunshine.disclosure.records.selectors import record_for_public
from sunshine.kernel.access.policy import agencies_for, can

from ..access import staff_required
from ..actions import run_action
from .forms import CommentForm, IssueForm, NewIssueForm, UploadForm
from .registry import may_create, may_view

PAGE_SIZE = 30
ACTS = {"publish": services.publish_issue, "unpublish": services.unpublish_issue}


def record_staff_url(record_id: int) -> str:
    try:
        return reverse("workbench:records_detail", args=[record_id])
    except NoReverseMatch:  # the records staff pages are not mounted
        return ""


def require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看政府公报的权限。"))


def get_issue(request, pk):
    require_view(request.user)
    issue = selectors.issue_for_staff(request.user, pk)
    if issue is None:
        raise Http404(_("该期公报不存在，或不在您的权限范围内。"))
    return issue


@never_cache
@staff_required
def issue_list(request):
    require_view(request.user)
    state = request.GET.get("state", "")
    state = state if state in IssueState.values else ""
    try:
        year = int(request.GET.get("year", "") or 0) or None
    except ValueError:
        year = None
    issues = selectors.staff_issues(request.user, year=year, state=state or None)
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("page"))
    for issue in page.object_list:
        issue.label = selectors.issue_label(issue)
    context = {
        "page": page,
        "state": state,
        "year": year or "",
        "states": IssueState.choices,
        "may_create": may_create(request.user),
        "name": selectors.gazette_name(request.site.name),
    }
    return render(request, "workbench/gazette/list.html", context)


@never_cache
@staff_required
def issue_create(request):
    require_view(request.user)
    agencies = agencies_for(request.user, "gazette.edit").order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("您没有编辑政府公报的权限。"))
    form = NewIssueForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_issue(actor=request.user, **form.cleaned_data),
            form=form,
            success=lambda issue: _("已创建 %(label)s。") % {"label": issue},
            redirect_to=lambda issue: reverse(
                "workbench:gazette_upload" if issue.historical else "workbench:gazette_detail",
                args=[issue.pk],
            ),
        )
        if done:
            return done
    return render(request, "workbench/gazette/form.html", {"form": form, "issue": None})


@never_cache
@staff_required
def issue_edit(request, pk):
    issue = get_issue(request, pk)
    initial = {f: getattr(issue, f) for f in services.ISSUE_FIELDS}
    form = IssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial[k]}
        done = run_action(
            request,
            lambda: services.update_issue(issue=issue, actor=request.user, **changes),
            form=form,
            success=_("已保存。"),
            redirect_to=reverse("workbench:gazette_detail", args=[issue.pk]),
        )
        if done:
            return done
    return render(request, "workbench/gazette/form.html", {"form": form, "issue": issue})


@staff_required
@require_POST
def issue_delete(request, pk):
    issue = get_issue(request, pk)
    label = str(issue)  # before it is deleted
    return run_action(
        request,
        lambda: services.delete_issue(issue=issue, actor=request.user),
        success=_("已删除 %(label)s。") % {"label": label},
        redirect_to=reverse("workbench:gazette_list"),
        refused_to=reverse("workbench:gazette_detail", args=[issue.pk]),
    )


@never_cache
@staff_required
def issue_detail(request, pk):
    issue = get_issue(request, pk)
    may_edit = can(request.user, "gazette.edit", issue)
    draft = issue.state == IssueState.DRAFT
    q = request.GET.get("q", "").strip()
    candidates = selectors.records_to_add(issue, q) if may_edit and draft else []
    articles = selectors.staff_articles(issue)
    for article in articles:
        article.staff_url = record_staff_url(article.record_id) if article.record_id else ""
    context = {
        "issue": issue,
        "label": selectors.issue_label(issue),
        "name": selectors.gazette_name(request.site.name),
        "articles": articles,
        "may_edit": may_edit and draft,
        "may_pdf": may_edit and not issue.historical,
        "actions": selectors.issue_actions(issue, request.user),
        "history": selectors.issue_history(issue),
        "q": q,
        "candidates": candidates,
        "processing": issue.processing in (Processing.PENDING, Processing.RUNNING),
        "sections": SECTION_SUGGESTIONS,
    }
    return render(request, "workbench/gazette/detail.html", context)


@staff_required
@require_POST
def issue_act(request, pk, name):
    issue = get_issue(request, pk)
    act = ACTS.get(name)
    if act is None:
        raise Http404(_("没有这个操作。"))
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return run_action(
        request,
        lambda: act(issue=issue, actor=request.user, comment=comment),
        success=_("已发布本期。") if name == "publish" else _("已撤下本期。"),
        redirect_to=reverse("workbench:gazette_detail", args=[issue.pk]),
    )


@staff_required
@require_POST
def add_record(request, pk):
    issue = get_issue(request, pk)
    record = record_for_public(request.POST.get("record"))
    url = reverse("workbench:gazette_detail", args=[issue.pk])
    q = request.POST.get("q", "").strip()
    back = f"{url}?{urlencode({'q': q})}#add" if q else f"{url}#articles"
    if record is None:
        messages.error(request, _("只有已发布的主动公开政府信息才能刊登在公报上。"))
        return redirect(back)
    return run_action(
        request,
        lambda: services.add_record(issue=issue, record=record, actor=request.user),
        success=_("已加入本期：%(title)s") % {"title": record.title},
        redirect_to=back,
    )


@staff_required
@require_POST
def request_pdf(request, pk):
    issue = get_issue(request, pk)
    return run_action(
        request,
        lambda: services.request_pdf(issue=issue, actor=request.user),
        success=_("已开始生成 PDF，稍后刷新本页即可下载。"),
        redirect_to=reverse("workbench:gazette_detail", kwargs={"pk": issue.pk}),
    )


@never_cache
@staff_required
def issue_pdf(request, pk):
    """The generated PDF (also of a draft: a preview) or the uploaded original."""
    issue = get_issue(request, pk)
    field = issue.pdf if issue.pdf else None
    if issue.historical and issue.source_attachment is not None:
        field = issue.source_attachment.file
    if field is None:
        raise Http404(_("本期还没有 PDF。"))
    filename = f"{issue.year}-{issue.number:02d}.pdf"
    return FileResponse(field.open("rb"), content_type="application/pdf", filename=filename)


@never_cache
@staff_required
def upload(request, pk):
    issue = get_issue(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: historical.upload_historical_pdf(
                issue=issue, actor=request.user, uploaded_file=form.cleaned_data["file"]
            ),
            form=form,
            success=_("已上传，正在逐页识别文字，完成后请校对拆分结果。"),
            redirect_to=reverse("workbench:gazette_detail", args=[issue.pk]),
        )
        if done:
            return done
    return render(request, "workbench/gazette/upload.html", {"form": form, "issue": issue})


@staff_required
@require_POST
def reprocess(request, pk):
    issue = get_issue(request, pk)
    return run_action(
        request,
        lambda: historical.reprocess(issue=issue, actor=request.user),
        success=_("已重新开始识别。"),
        redirect_to=reverse("workbench:gazette_detail", kwargs={"pk": issue.pk}),
    )


@never_cache
@staff_required
def pages(request, pk):
    issue = get_issue(request, pk)
    page = Paginator(selectors.issue_pages(issue), 10).get_page(request.GET.get("page"))
    return render(
        request,
        "workbench/gazette/pages.html",
        {"issue": issue, "label": selectors.issue_label(issue), "page": page},
    )
