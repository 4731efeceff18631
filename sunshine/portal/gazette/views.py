"""政府公报 on the portal: the index by year (/gb/, /gb/<year>/), an issue's table of contents
(/gb/<year>/<number>/), its PDF, a historical article (/gb/article/<id>/). Thin: everything
comes from the gazette selectors, which only return published issues and public articles."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.gazette.selectors import (
    article_for_public,
    by_section,
    gazette_name,
    issue_for_public,
    issue_label,
    public_articles,
    public_issues,
    public_years,
)

from ..pagecache import anonymous_page_cache, render_context
from .links import article_url, issue_url, pdf_url

COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("政府公报"),
    "column_type": gettext_lazy("政府公报"),
}


def _pdf_available(issue) -> bool:
    return bool(issue.source_attachment_id if issue.historical else issue.pdf)


@anonymous_page_cache
def gazette_index(request, year=None):
    years = public_years()
    if year is None and years:
        year = years[0][0]
    elif year is not None and year not in {y for y, _n in years}:
        raise Http404(_("该年度没有已发布的政府公报。"))
    issues = list(public_issues(year=year)) if year else []
    for issue in issues:
        issue.url = issue_url(issue)
        issue.label = issue_label(issue)
        issue.pdf_link = pdf_url(issue) if _pdf_available(issue) else ""
    name = gazette_name(request.site.name)
    context = {
        **COLUMN,
        "name": name,
        "year": year,
        "years": years,
        "issues": issues,
        "article_title": _("%(name)s %(year)s年") % {"name": name, "year": year} if year else name,
        "description": _("%(name)s各期目录及全文。") % {"name": name},
        "keywords": _("政府公报"),
    }
    return render(request, "portal/gazette/index.html", render_context(request, context))


@anonymous_page_cache
def gazette_issue(request, year, number):
    issue = issue_for_public(year, number)
    if issue is None:
        raise Http404(_("该期政府公报不存在或尚未发布。"))
    articles = public_articles(issue)
    for article in articles:
        article.url = article_url(article)
    name = gazette_name(request.site.name)
    label = issue_label(issue)
    published = timezone.localtime(issue.published_at)
    context = {
        **COLUMN,
        "issue": issue,
        "name": name,
        "label": label,
        "sections": by_section(articles),
        "pdf_link": pdf_url(issue) if _pdf_available(issue) else "",
        "article_title": f"{name} {label}",
        "pub_date": f"{published:%Y-%m-%d %H:%M}",
        "content_source": issue.agency.name,
        "author": issue.agency.name,
        "keywords": _("政府公报"),
        "description": "；".join(a.title for a in articles[:5]) or f"{name} {label}",
    }
    return render(request, "portal/gazette/issue.html", render_context(request, context))


def gazette_pdf(request, year, number):
    """The issue's PDF: typeset for a compiled issue, the uploaded original for an old one."""
    issue = issue_for_public(year, number)
    if issue is None:
        raise Http404(_("该期政府公报不存在或尚未发布。"))
    field = issue.source_attachment.file if issue.historical and issue.source_attachment else None
    if field is None and issue.pdf:
        field = issue.pdf
    if field is None:
        raise Http404(_("本期 PDF 正在生成，请稍后再试。"))
    filename = f"{gazette_name(request.site.name)}{issue.year}年第{issue.number}期.pdf"
    response = FileResponse(field.open("rb"), content_type="application/pdf", filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300"
    return response


@anonymous_page_cache
def gazette_article(request, pk):
    article = article_for_public(pk)
    if article is None:
        raise Http404(_("该公报文章不存在或尚未发布。"))
    issue = article.issue
    name = gazette_name(request.site.name)
    label = issue_label(issue)
    paragraphs = [p.strip() for p in article.body.splitlines() if p.strip()]
    context = {
        **COLUMN,
        "article": article,
        "issue": issue,
        "issue_url": issue_url(issue),
        "pdf_link": pdf_url(issue) if _pdf_available(issue) else "",
        "name": name,
        "label": label,
        "paragraphs": paragraphs,
        "confidence": round(article.ocr_confidence * 100) if article.ocr_confidence else None,
        "article_title": article.title,
        "pub_date": f"{issue.publication_date:%Y-%m-%d}",
        "content_source": f"{name} {label}",
        "author": issue.agency.name,
        "keywords": article.doc_number or _("政府公报"),
        "description": " ".join(paragraphs)[:120] or article.title,
    }
    return render(request, "portal/gazette/article.html", render_context(request, context))
