"""征求意见 on the portal: the list (/zjyj/), a consultation with its draft clause by clause
(/zjyj/<id>/), the comment form, the public comments, the results (采纳情况) and the analytics
page. Thin: reads through the consultations selectors (published consultations, visible
comments only), the comment through submit_comment."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sunshine.kernel.accounts.forms import save_form
from sunshine.kernel.sites.scope import within_site
from sunshine.participation.consultations import selectors
from sunshine.participation.consultations.analytics import consultation_stats
from sunshine.participation.consultations.choices import Adoption, CommentState
from sunshine.participation.consultations.choices import ConsultationState as S
from sunshine.participation.consultations.comment_services import submit_comment
from sunshine.participation.consultations.services import min_period_days

from ..pagecache import anonymous_page_cache, render_context
from .forms import CommentForm

PAGE_SIZE = 20
STATUS_TABS = [
    ("", gettext_lazy("全部")),
    ("open", gettext_lazy("正在征求")),
    ("upcoming", gettext_lazy("即将开始")),
    ("closed", gettext_lazy("已结束")),
    ("feedback", gettext_lazy("已反馈")),
]
COLUMN = {
    "current_column": "hdjl",
    "column_name": gettext_lazy("征求意见"),
    "column_type": gettext_lazy("互动交流"),
}


def _consultation(pk, *, full: bool = True):
    item = selectors.consultation_for_public(pk, full=full)
    if item is None:
        raise Http404(_("该征求意见不存在或尚未发布。"))
    return item


def _base(item) -> dict:
    published = timezone.localtime(item.published_at) if item.published_at else None
    return {
        **COLUMN,
        "item": item,
        "article_title": item.title,
        "pub_date": f"{published:%Y-%m-%d %H:%M}" if published else "",
        "content_source": item.agency.name,
        "author": item.agency.name,
        "description": item.summary or item.title,
        "is_open": item.state == S.OPEN,
    }


@anonymous_page_cache
def consultation_list(request):
    status = request.GET.get("status", "")
    if status not in selectors.STATUS_FILTERS:
        status = ""
    items = within_site(selectors.public_consultations(status=status or None), request)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **COLUMN,
        "article_title": _("征求意见"),
        "page": page,
        "status": status,
        "tabs": STATUS_TABS,
    }
    return render(request, "portal/consultations/list.html", render_context(request, context))


@anonymous_page_cache
def consultation_detail(request, pk):
    item = _consultation(pk)
    counts = selectors.visible_counts_by_clause(item)
    clauses = list(item.clauses.all())
    chapter = None
    for clause in clauses:
        clause.visible_comments = counts.get(clause.pk, 0)
        clause.new_chapter = clause.chapter != chapter and bool(clause.chapter)
        chapter = clause.chapter
    context = {
        **_base(item),
        "clauses": clauses,
        "whole_count": counts.get(None, 0),
        "total_count": sum(counts.values()),
        "basis_links": list(item.basis_links.all()),
        "files": list(item.attachments.all()),
        "mine": list(selectors.comments_of_author(item, request.user)),
        "min_days": min_period_days(),
        "keywords": _("征求意见"),
    }
    return render(request, "portal/consultations/detail.html", render_context(request, context))


@never_cache
@require_http_methods(["GET", "POST"])
def comment_form(request, pk):
    item = _consultation(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    clauses = list(item.clauses.all())
    initial = {}
    clause = selectors.clause_at(item, request.GET.get("clause"))
    if clause is not None:
        initial["clause"] = clause.position
    form = CommentForm(request.POST or None, clauses=clauses, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save(*, clause, body, is_anonymous):
            target = next((c for c in clauses if c.position == clause), None)
            return submit_comment(
                consultation=item,
                author=request.user,
                body=body,
                clause=target,
                is_anonymous=is_anonymous,
            )

        comment = save_form(form, save)
        if comment is not None:
            if comment.state == CommentState.PENDING:
                messages.success(request, _("意见已提交，审核通过后将在网站公开。感谢您的参与！"))
            else:
                messages.success(request, _("意见已提交并公开。感谢您的参与！"))
            return redirect(reverse("portal:consultation_detail", args=[item.pk]) + "#mine")
    context = {**_base(item), "form": form, "article_title": _("提交意见")}
    return render(request, "portal/consultations/comment_form.html", context)


@anonymous_page_cache
def comment_list(request, pk):
    item = _consultation(pk, full=False)
    clause = selectors.clause_at(item, request.GET.get("clause"))
    comments = selectors.public_comments(item, clause=clause)
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {**_base(item), "page": page, "clause": clause}
    return render(request, "portal/consultations/comments.html", render_context(request, context))


@anonymous_page_cache
def results(request, pk):
    item = _consultation(pk, full=False)
    if item.state != S.FEEDBACK_PUBLISHED:
        raise Http404(_("该征求意见的采纳情况说明尚未发布。"))
    comments = list(selectors.public_comments(item))
    tally = {value: 0 for value in Adoption.values}
    for c in comments:
        if c.adoption:
            tally[c.adoption] += 1
    context = {
        **_base(item),
        "comments": comments,
        "tally": [(label, tally[value]) for value, label in Adoption.choices],
        "report_paragraphs": [p.strip() for p in item.feedback_report.splitlines() if p.strip()],
        "article_title": _("采纳情况说明"),
    }
    return render(request, "portal/consultations/results.html", render_context(request, context))


def _bars(rows) -> list[tuple]:
    """(label, n, width in %) for the bar charts of the analytics page."""
    top = max((n for _label, n in rows), default=0) or 1
    return [(label, n, round(100 * n / top)) for label, n in rows]


@anonymous_page_cache
def analytics(request, pk):
    item = _consultation(pk, full=False)
    stats = consultation_stats(item, public=True)
    context = {
        **_base(item),
        "stats": stats,
        "per_clause": _bars(stats.per_clause),
        "per_day": _bars(stats.per_day),
        "article_title": _("意见统计"),
    }
    return render(request, "portal/consultations/analytics.html", render_context(request, context))


def attachment_file(request, pk, attachment_pk):
    item = _consultation(pk)
    attachment = selectors.attachment_of(item, attachment_pk)
    if attachment is None:
        raise Http404(_("该附件不存在。"))
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
