"""留言热点 in the 互动交流 (hdjl) column of the home page, and the sitemap section."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.participation.messagetopics.selectors import public_hot_topics
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

COLUMN_SLUG = "hdjl"


def hot_topic_items(request, limit: int) -> list[ColumnItem]:
    return [
        ColumnItem(
            title=f"【热点】{g.public_representative.public_subject}",
            url=reverse("portal:messagetopics_detail", args=[g.pk]),
            date=timezone.localdate(g.latest_at) if g.latest_at else None,
        )
        for g in public_hot_topics(limit=min(limit, 3))
    ]


def sitemap_items(request):
    yield SitemapUrl(reverse("portal:messagetopics_hot"), changefreq="daily", priority=0.5)
    yield SitemapUrl(reverse("portal:messagetopics_stats"), changefreq="daily", priority=0.4)
    yield SitemapRows(
        public_hot_topics(limit=200).values_list("pk", "latest_at"),
        lambda pk, latest: SitemapUrl(
            reverse("portal:messagetopics_detail", args=[pk]), lastmod=latest
        ),
    )


def register() -> None:
    register_column_entry(
        "hdjl",
        label=_("留言热点"),
        url_name="messagetopics_hot",
        description=_("群众关注的热点问题"),
        order=40,
    )
    register_column_entry(
        "hdjl",
        label=_("留言统计"),
        url_name="messagetopics_stats",
        description=_("留言数量、按时答复率与满意度"),
        order=41,
    )
    register_column_provider(COLUMN_SLUG, hot_topic_items)
    register_sitemap_section("messagetopics", sitemap_items)
