"""The PDF of a compiled gazette issue, typeset by WeasyPrint from an HTML template
(templates/gazette/issue_pdf.html): a cover (gazette name, year, 第N期, 总第N期, date), a
table of contents whose page numbers CSS `target-counter` fills in, then each article (section
heading, title, 文号, body, 发文机关 and 成文日期) under a running header and page-numbered
footer. The fonts (CJK: "Noto Serif CJK SC" unless settings.GAZETTE_FONT_FAMILY names another,
e.g. a licensed 仿宋) are embedded as subsets.

`generate_issue_pdf(issue)` stores the file with Django's default storage (local disk or object
storage) on the issue; it is derived data, run by the task worker (tasks.py)."""

import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel import clock

from .choices import ArticleSource
from .models import GazetteIssue
from .selectors import by_section, gazette_name, issue_label

logger = logging.getLogger(__name__)

DEFAULT_FONT_FAMILY = "Noto Serif CJK SC"


def font_family() -> str:
    return getattr(settings, "GAZETTE_FONT_FAMILY", DEFAULT_FONT_FAMILY)


def _paragraphs(text: str) -> list[tuple[str, bool]]:
    """(paragraph, flush) pairs: the recipients line (各……：) is printed flush left."""
    paragraphs = [p.strip() for p in (text or "").splitlines() if p.strip()]
    return [
        (p, i == 0 and p.endswith(("：", ":")) and len(p) <= 200) for i, p in enumerate(paragraphs)
    ]


def pdf_entries(issue: GazetteIssue) -> list:
    """The articles to print, in order, with what each shows. Record articles show the
    record as published now; a record that is no longer public is left out."""
    articles = list(issue.articles.order_by("order", "pk"))
    record_ids = [a.record_id for a in articles if a.source == ArticleSource.RECORD]
    records = {
        r.pk: r
        for r in public_records().defer(None).select_related("issuer").filter(pk__in=record_ids)
    }
    entries = []
    for article in articles:
        if article.source == ArticleSource.RECORD:
            record = records.get(article.record_id)
            if record is None:
                continue
            article.print_title = record.title
            article.print_doc_number = record.doc_number
            article.print_paragraphs = _paragraphs(record.body)
            article.print_issuer = record.issuer.name
            article.print_date = record.date_written
        else:
            article.print_title = article.title
            article.print_doc_number = article.doc_number
            article.print_paragraphs = _paragraphs(article.body)
            article.print_issuer = ""
            article.print_date = None
        article.anchor = f"a{article.pk}"
        entries.append(article)
    return entries


def render_issue_pdf(issue: GazetteIssue) -> bytes:
    """The issue's PDF bytes (in Chinese, whatever language is active)."""
    from weasyprint import HTML

    entries = pdf_entries(issue)
    with translation.override("zh-hans"):
        html = render_to_string(
            "gazette/issue_pdf.html",
            {
                "issue": issue,
                "name": gazette_name(),
                "label": issue_label(issue),
                "sections": by_section(entries),
                "font_family": font_family(),
            },
        )
    return HTML(string=html).write_pdf()


def page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def generate_issue_pdf(issue: GazetteIssue) -> GazetteIssue:
    """Typeset the issue and store the PDF on it (the previous file is deleted)."""
    data = render_issue_pdf(issue)
    old = issue.pdf.name if issue.pdf else ""
    name = f"gazette-{issue.year}-{issue.number:02d}.pdf"
    issue.pdf.save(name, ContentFile(data), save=False)
    issue.pdf_generated_at = clock.now()
    issue.pdf_pages = page_count(data)
    GazetteIssue.objects.filter(pk=issue.pk).update(
        pdf=issue.pdf.name, pdf_generated_at=issue.pdf_generated_at, pdf_pages=issue.pdf_pages
    )
    if old and old != issue.pdf.name:
        try:
            issue.pdf.storage.delete(old)
        except OSError:
            logger.warning("gazette: could not delete the old PDF %s", old)
    return issue
