"""What 行政执法公示 adds to the rest of the portal: a way in from the 政务公开 column and a
sitemap section (the list and every published decision)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.governance.enforcement.selectors import public_decisions
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def enforcement_sitemap(request):
    yield SitemapUrl(reverse("portal:enforcement_list"), changefreq="daily", priority=0.5)
    yield SitemapRows(
        public_decisions().values_list("pk", "published_at"),
        lambda pk, published: SitemapUrl(
            reverse("portal:enforcement_detail", args=[pk]), lastmod=published
        ),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("行政执法公示"),
        url_name="enforcement_list",
        description=_("行政许可和行政处罚决定公示（双公示）"),
        order=42,
    )
    register_sitemap_section("enforcement", enforcement_sitemap)
