"""What briefings add to the portal: the 新闻发布 column (xwfb), the sitemap section, and on a
public record's page the panel 相关发布会/访谈."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.sites.scope import within_site
from sunshine.participation.briefings.selectors import (
    public_briefings,
    public_briefings_for_record,
)
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .links import briefing_url

COLUMN_SLUG = "xwfb"


def latest_briefings(request, limit: int) -> list[ColumnItem]:
    items = (
        within_site(public_briefings(), request)
        .prefetch_related(None)
        .select_related("agency")
        .only("pk", "title", "scheduled_at", "agency__name")
    )
    return [
        ColumnItem(
            title=b.title,
            url=briefing_url(b),
            date=timezone.localdate(b.scheduled_at),
            source=b.agency.name,
        )
        for b in items[:limit]
    ]


def briefing_sitemap(request):
    yield SitemapUrl(reverse("portal:briefings_list"), changefreq="daily", priority=0.5)
    yield SitemapRows(
        within_site(public_briefings(), request)
        .prefetch_related(None)
        .select_related(None)
        .values_list("pk", "updated_at"),
        lambda pk, changed: SitemapUrl(
            reverse("portal:briefings_detail", args=[pk]), lastmod=changed
        ),
    )


def related_briefings(record):
    """Panel on a record's page: the briefings that discussed it."""
    items = [
        {
            "title": b.title,
            "url": briefing_url(b),
            "date": timezone.localdate(b.scheduled_at),
            "label": str(b.get_kind_display()),
        }
        for b in public_briefings_for_record(record)
    ]
    return _("相关发布会/访谈"), items


def register() -> None:
    register_column_entry(
        "xwfb",
        label=gettext_lazy("新闻发布会与访谈"),
        url_name="briefings_list",
        description=gettext_lazy("新闻发布会、在线访谈、政府开放日"),
        order=10,
    )
    register_column_provider(COLUMN_SLUG, latest_briefings)
    register_sitemap_section("briefings", briefing_sitemap)
    from sunshine.portal.records.panels import register_detail_panel

    register_detail_panel(related_briefings, key="briefings", order=20)
