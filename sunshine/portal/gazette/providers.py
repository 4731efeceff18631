"""What the gazette adds to the rest of the portal: the latest issues in the 政务公开 column
(slug zwgk, shared with the catalogs: the column merges its providers newest first), the
sitemap section of its public pages, and on a record's page the issues it appeared in."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.disclosure.gazette.selectors import (
    gazette_name,
    issue_label,
    issues_of_record,
    public_issues,
    public_text_articles,
)
from sunshine.portal.columns import ColumnItem, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .links import issue_url

COLUMN_SLUG = "zwgk"


def latest_issues(request, limit: int) -> list[ColumnItem]:
    site = getattr(request, "site", None)
    name = gazette_name(getattr(site, "name", None))
    issues = public_issues().only("pk", "year", "number", "total_number", "publication_date")
    return [
        ColumnItem(
            title=f"{name} {issue_label(issue)}",
            url=issue_url(issue),
            date=issue.publication_date,
        )
        for issue in issues[:limit]
    ]


def gazette_sitemap(request):
    yield SitemapUrl(reverse("portal:gazette_index"), changefreq="weekly", priority=0.6)
    # A year's page comes with its first issue (the sitemap keeps the first of equal URLs).
    yield SitemapRows(public_issues().values_list("year", "number", "updated_at"), _issue_urls)
    yield SitemapRows(
        public_text_articles().values_list("pk", "issue__updated_at"),
        lambda pk, changed: SitemapUrl(
            reverse("portal:gazette_article", args=[pk]), lastmod=changed
        ),
    )


def _issue_urls(year, number, changed):
    yield SitemapUrl(reverse("portal:gazette_year", args=[year]), changefreq="monthly")
    yield SitemapUrl(reverse("portal:gazette_issue", args=[year, number]), lastmod=changed)


def record_in_gazette(record):
    """Panel on a record's page: 刊登于政府公报."""
    name = gazette_name()
    items = [
        {"title": f"{name} {issue_label(i)}", "url": issue_url(i), "date": i.publication_date}
        for i in issues_of_record(record)
    ]
    return _("刊登于政府公报"), items


def register() -> None:
    register_column_provider(COLUMN_SLUG, latest_issues)
    register_sitemap_section("gazette", gazette_sitemap)
    try:
        from sunshine.portal.records.panels import register_detail_panel
    except ImportError:  # the records pages without detail panels
        return
    register_detail_panel(record_in_gazette, key="gazette", order=50)
