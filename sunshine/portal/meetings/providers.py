"""What meetings add to the portal: the latest public meetings in the 互动交流 column (hdjl)
and the sitemap section of their pages."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.sites.scope import within_site
from sunshine.participation.meetings.selectors import public_meetings
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .links import meeting_url

COLUMN_SLUG = "hdjl"


def latest_meetings(request, limit: int) -> list[ColumnItem]:
    items = (
        within_site(public_meetings(), request)
        .prefetch_related(None)
        .select_related("agency")
        .only("pk", "title", "starts_at", "agency__name")[:limit]
    )
    return [
        ColumnItem(
            title=m.title,
            url=meeting_url(m),
            date=timezone.localdate(m.starts_at),
            source=m.agency.name,
        )
        for m in items
    ]


def meeting_sitemap(request):
    yield SitemapUrl(reverse("portal:meetings_list"), changefreq="daily", priority=0.5)
    yield SitemapRows(
        within_site(public_meetings(), request)
        .prefetch_related(None)
        .select_related(None)
        .values_list("pk", "starts_at"),
        lambda pk, changed: SitemapUrl(
            reverse("portal:meetings_detail", args=[pk]), lastmod=changed
        ),
    )


def register() -> None:
    register_column_entry(
        "hdjl",
        label=_("会议公开"),
        url_name="meetings_list",
        description=_("政府会议议题、列席报名、抽签结果与会议纪要"),
        order=30,
    )
    register_column_provider(COLUMN_SLUG, latest_meetings)
    register_sitemap_section("meetings", meeting_sitemap)
