"""What 征求意见 adds to the portal: its items in the 互动交流 column (hdjl) and the sitemap."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.sites.scope import within_site
from sunshine.participation.consultations.selectors import (
    comments_by_author,
    public_consultations,
)
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.mine.sections import MineItem, register_mine_section
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .links import consultation_url

COLUMN_SLUG = "hdjl"


def latest_consultations(request, limit: int) -> list[ColumnItem]:
    items = within_site(public_consultations(), request).select_related(None)
    items = items.select_related("agency").only("pk", "title", "start_date", "agency__name")
    return [
        ColumnItem(
            title=_("【征求意见】%(title)s") % {"title": c.title},
            url=consultation_url(c),
            date=c.start_date,
            source=c.agency.name,
        )
        for c in items[:limit]
    ]


def consultation_sitemap(request):
    rows = within_site(public_consultations(), request).values_list("pk", "updated_at", "state")
    yield SitemapRows(rows, _consultation_urls)


def _consultation_urls(pk, updated, state):
    yield SitemapUrl(reverse("portal:consultation_detail", args=[pk]), lastmod=updated)
    yield SitemapUrl(reverse("portal:consultation_comments", args=[pk]), lastmod=updated)
    if state == "feedback_published":
        yield SitemapUrl(reverse("portal:consultation_results", args=[pk]), lastmod=updated)


def mine_comments(user, limit: int) -> list[MineItem]:
    """我的意见 in 我的: the user's comments, linked to 我的意见 on the consultation's page."""
    return [
        MineItem(
            title=c.consultation.title,
            url=f"{consultation_url(c.consultation)}#mine",
            date=c.submitted_at,
            note=c.get_state_display(),
        )
        for c in comments_by_author(user)[:limit]
    ]


def register() -> None:
    register_mine_section(
        "comments",
        label=gettext_lazy("我的征集意见"),
        items=mine_comments,
        empty=gettext_lazy("您还没有对征求意见提出过意见。"),
        order=40,
    )
    register_column_entry(
        "hdjl",
        label=gettext_lazy("征求意见"),
        url_name="consultation_list",
        description=gettext_lazy("对政策草案逐条发表意见，查看采纳情况"),
        order=10,
    )
    register_column_provider(COLUMN_SLUG, latest_consultations)
    register_sitemap_section("consultations", consultation_sitemap)
