"""What the records feature adds to the rest of the portal: the 政策文件 column (slug zcwj) on
the home page and column page, and the sitemap section of every public record."""

from django.urls import reverse

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.sites.scope import within_site
from sunshine.portal.columns import ColumnItem, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .links import path_template

COLUMN_SLUG = "zcwj"


def latest_records(request, limit: int) -> list[ColumnItem]:
    rows = within_site(public_records(), request)
    rows = rows.values_list("pk", "title", "date_published", "agency__name")[:limit]
    template = path_template()
    return [
        ColumnItem(title=t, url=template.format(pk), date=d, source=source)
        for pk, t, d, source in rows
    ]


def record_sitemap(request):
    yield SitemapUrl(reverse("portal:records_list"), changefreq="daily", priority=0.8)
    template = path_template()
    rows = within_site(public_records(), request).values_list("pk", "updated_at")
    yield SitemapRows(rows, lambda pk, changed: SitemapUrl(template.format(pk), lastmod=changed))


def register() -> None:
    register_column_provider(COLUMN_SLUG, latest_records)
    register_sitemap_section("records", record_sitemap)
