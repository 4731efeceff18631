"""What 征求意见 adds to the portal: its items in the 互动交流 column (hdjl) and the sitemap."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.participation.consultations.selectors import public_consultations
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .links import consultation_url

COLUMN_SLUG = "hdjl"


def latest_consultations(request, limit: int) -> list[ColumnItem]:
    items = public_consultations().select_related(None).only("pk", "title", "start_date")[:limit]
    return [
        ColumnItem(
            title=_("【征求意见】%(title)s") % {"title": c.title},
            url=consultation_url(c),
            date=c.start_date,
        )
        for c in items
    ]


def consultation_sitemap(request):
    rows = public_consultations().values_list("pk", "updated_at", "state")
    yield SitemapRows(rows, _consultation_urls)


def _consultation_urls(pk, updated, state):
    yield SitemapUrl(reverse("portal:consultation_detail", args=[pk]), lastmod=updated)
    yield SitemapUrl(reverse("portal:consultation_comments", args=[pk]), lastmod=updated)
    if state == "feedback_published":
        yield SitemapUrl(reverse("portal:consultation_results", args=[pk]), lastmod=updated)


def register() -> None:
    register_column_entry(
        "hdjl",
        label=gettext_lazy("征求意见"),
        url_name="consultation_list",
        description=gettext_lazy("对政策草案逐条发表意见，查看采纳情况"),
        order=10,
    )
    register_column_provider(COLUMN_SLUG, latest_consultations)
    register_sitemap_section("consultations", consultation_sitemap)
