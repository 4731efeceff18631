"""Staff pages of the articles of an issue: order, 栏目, remove; and for the text articles of a
historical issue the corrections of the proposed split (edit, split, merge with the next, move
paragraphs across the boundary, add one that was missed)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.disclosure.gazette import historical, selectors, services
from sunshine.disclosure.gazette.choices import SECTION_SUGGESTIONS
from sunshine.kernel.access.policy import can
from sunshine.kernel.accounts.forms import report_refusal, save_form

from ..access import staff_required
from .forms import ArticleForm, ShiftForm, SplitForm
from .views import get_issue


def _article(request, pk, article_pk):
    issue = get_issue(request, pk)
    article = selectors.article_of_issue(issue, article_pk)
    if article is None:
        raise Http404(_("该文章不存在。"))
    return issue, article


def _back(issue, article=None):
    url = reverse("workbench:gazette_detail", args=[issue.pk])
    return redirect(f"{url}#article-{article.pk}" if article is not None else f"{url}#articles")


def _run(request, act, success: str) -> bool:
    try:
        act()
    except (ValidationError, PermissionDenied) as exc:
        report_refusal(request, exc)
        return False
    messages.success(request, success)
    return True


@staff_required
@require_POST
def move(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    _run(
        request,
        lambda: services.move_article(article=article, actor=request.user, offset=offset),
        _("已调整顺序。"),
    )
    return _back(issue, article)


@staff_required
@require_POST
def remove(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    _run(
        request,
        lambda: services.remove_article(article=article, actor=request.user),
        _("已移出本期：%(title)s") % {"title": article.title},
    )
    return _back(issue)


@staff_required
@require_POST
def set_section(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    section = request.POST.get("section", "")
    _run(
        request,
        lambda: services.update_article(article=article, actor=request.user, section=section),
        _("已修改栏目。"),
    )
    return _back(issue, article)


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
        created = save_form(
            form,
            lambda **data: historical.add_text_article(issue=issue, actor=request.user, **data),
        )
        if created is not None:
            messages.success(request, _("已添加文章。"))
            return _back(issue, created)
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
        saved = save_form(
            form,
            lambda **_data: services.update_article(article=article, actor=request.user, **changes),
        )
        if saved is not None:
            messages.success(request, _("已保存。"))
            return redirect("workbench:gazette_article", pk=issue.pk, article_pk=article.pk)
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
    done = _run(
        request,
        lambda: historical.split_article(
            article=article,
            actor=request.user,
            at_paragraph=data["paragraph"] - 1,
            title=data["title"],
        ),
        _("已拆分为两篇文章。"),
    )
    if done:
        return _back(issue, article)
    return redirect("workbench:gazette_article", pk=issue.pk, article_pk=article.pk)


@staff_required
@require_POST
def merge(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    _run(
        request,
        lambda: historical.merge_with_next(article=article, actor=request.user),
        _("已与下一篇合并。"),
    )
    return _back(issue, article)


@staff_required
@require_POST
def shift(request, pk, article_pk):
    issue, article = _article(request, pk, article_pk)
    form = ShiftForm(request.POST)
    if form.is_valid():
        count = form.cleaned_data["count"]
        count = count if form.cleaned_data["direction"] == "in" else -count
        _run(
            request,
            lambda: historical.move_paragraphs(article=article, actor=request.user, count=count),
            _("已调整与下一篇的分界。"),
        )
    else:
        messages.error(request, _("请填写要移动的段数。"))
    return redirect("workbench:gazette_article", pk=issue.pk, article_pk=article.pk)
