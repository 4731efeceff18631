"""Staff pages of the articles of an issue: order, 栏目, remove; and for the text articles of a
historical issue the corrections of the proposed split (edit, split, merge with the next, move
paragraphs across the boundary, add one that was missed)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.disclosure.gazette import historical, selectors, services
from sunshine.disclosure.gazette.choices import SECTION_SUGGESTIONS
from sunshine.kernel.access.policy import can

from ..access import staff_required
from ..actions import run_action
from .forms import ArticleForm, ShiftForm, SplitForm
from .views import get_issue


def _article(request, pk, article_pk):
    issue = get_issue(request, pk)
    article = selectors.article_of_issue(issue, article_pk)
    if article is None:
        raise Http404(_("该文章不存在。"))
    return issue, article


def _back_url(issue, article=None) -> str:
    url = reverse("workbench:gazette_detail", args=[issue.pk])
    return f"{url}#article-{article.pk}" if article is not None else f"{url}#articles"


def _back(issue, article=None):
    return redirect(_back_url(issue, article))


def _article_url(issue, article) -> str:
    return reverse("workbench:gazette_article", kwargs={"pk": issue.pk, "article_pk": article.pk})


@staff_required
@require_POST
def move(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    return run_action(
        request,
        lambda: services.move_article(article=article, actor=request.user, offset=offset),
        success=_("已调整顺序。"),
        redirect_to=_back_url(issue, article),
    )


@staff_required
@require_POST
def remove(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    return run_action(
        request,
        lambda: services.remove_article(article=article, actor=request.user),
        success=_("已移出本期：%(title)s") % {"title": article.title},
        redirect_to=_back_url(issue),
    )


@staff_required
@require_POST
def set_section(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    section = request.POST.get("section", "")
    return run_action(
        request,
        lambda: services.update_article(article=article, actor=request.user, section=section),
        success=_("已修改栏目。"),
        redirect_to=_back_url(issue, article),
    )


def _context(issue, article, form, **extra) -> dict:
    return {
        "issue": issue,
        "label": selectors.issue_label(issue),
        "article": article,
        "form": form,
        "sections": SECTION_SUGGESTIONS,
        **extra,
    }


@never_cache
@staff_required
def article_new(request, pk):
    issue = get_issue(request, pk)
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: historical.add_text_article(
                issue=issue, actor=request.user, **form.cleaned_data
            ),
            form=form,
            success=_("已添加文章。"),
            redirect_to=lambda created: _back_url(issue, created),
        )
        if done:
            return done
    return render(request, "workbench/gazette/article.html", _context(issue, None, form))


@never_cache
@staff_required
def article_edit(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    if article.is_record:
        return _back(issue, article)
    fields = ("title", "doc_number", "section", "page_start", "page_end", "body")
    initial = {f: getattr(article, f) for f in fields}
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial[k]}
        done = run_action(
            request,
            lambda: services.update_article(article=article, actor=request.user, **changes),
            form=form,
            success=_("已保存。"),
            redirect_to=_article_url(issue, article),
        )
        if done:
            return done
    editable = issue.state == "draft" and can(request.user, "gazette.edit", issue)
    context = _context(
        issue,
        article,
        form,
        editable=editable,
        paragraphs=[p for p in article.body.split("\n") if p.strip()],
        split_form=SplitForm(),
        shift_form=ShiftForm(),
    )
    return render(request, "workbench/gazette/article.html", context)


@staff_required
@require_POST
def split(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    form = SplitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写从第几段拆分。"))
        return redirect("workbench:gazette_article", pk=issue.pk, article_pk=article.pk)
    data = form.cleaned_data
    return run_action(
        request,
        lambda: historical.split_article(
            article=article,
            actor=request.user,
            at_paragraph=data["paragraph"] - 1,
            title=data["title"],
        ),
        success=_("已拆分为两篇文章。"),
        redirect_to=_back_url(issue, article),
        refused_to=_article_url(issue, article),
    )


@staff_required
@require_POST
def merge(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    return run_action(
        request,
        lambda: historical.merge_with_next(article=article, actor=request.user),
        success=_("已与下一篇合并。"),
        redirect_to=_back_url(issue, article),
    )


@staff_required
@require_POST
def shift(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    form = ShiftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写要移动的段数。"))
        return redirect(_article_url(issue, article))
    count = form.cleaned_data["count"]
    count = count if form.cleaned_data["direction"] == "in" else -count
    return run_action(
        request,
        lambda: historical.move_paragraphs(article=article, actor=request.user, count=count),
        success=_("已调整与下一篇的分界。"),
        redirect_to=_article_url(issue, article),
    )
