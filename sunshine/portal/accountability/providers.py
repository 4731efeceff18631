"""What 问责 adds to the rest of the portal: a way in from the 政务公开 column and a sitemap
section (the published notices)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.governance.accountability.selectors import public_cases
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def accountability_sitemap(request):
    yield SitemapUrl(reverse("portal:accountability_list"), changefreq="weekly", priority=0.5)
    yield SitemapRows(
        public_cases().values_list("pk"),
        lambda pk: SitemapUrl(reverse("portal:accountability_detail", args=[pk])),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("问责通报"),
        url_name="accountability_list",
        description=_("政务公开和政务服务工作中被通报批评的问责结果"),
        order=48,
    )
    register_sitemap_section("accountability", accountability_sitemap)
