"""What the spot checks add to the rest of the portal: a way in from the 政务公开 column and a
sitemap section."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.governance.spotchecks.selectors import public_plans
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def spotchecks_sitemap(request):
    yield SitemapUrl(reverse("portal:spotchecks_list"), changefreq="weekly", priority=0.5)
    yield SitemapRows(
        public_plans().values_list("pk", "drawn_at"),
        lambda pk, drawn: SitemapUrl(reverse("portal:spotchecks_detail", args=[pk]), lastmod=drawn),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("双随机、一公开"),
        url_name="spotchecks_list",
        description=_("随机抽查的抽取过程和检查结果公示"),
        order=41,
    )
    register_sitemap_section("spotchecks", spotchecks_sitemap)
