"""Where gazette pages live on the portal."""

from django.urls import NoReverseMatch, reverse

RECORD_DETAIL_URL_NAME = "portal:records_detail"


def issue_url(issue) -> str:
    return reverse("portal:gazette_issue", args=[issue.year, issue.number])


def pdf_url(issue) -> str:
    return reverse("portal:gazette_pdf", args=[issue.year, issue.number])


def record_url(record_id: int) -> str:
    try:
        return reverse(RECORD_DETAIL_URL_NAME, args=[record_id])
    except NoReverseMatch:  # the records pages are not mounted
        return f"/zcwj/{record_id}/"


def article_url(article) -> str:
    """A record article links to the record's page, a historical one to its own."""
    if article.record_id:
        return record_url(article.record_id)
    return reverse("portal:gazette_article", args=[article.pk])
