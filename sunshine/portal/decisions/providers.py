"""What 重大行政决策 adds to the rest of the portal: a way in from the 政务公开 column and a
sitemap section (the published catalogs and every entry's dossier)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.governance.decisions.selectors import public_catalogs, public_decisions
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def decisions_sitemap(request):
    yield SitemapUrl(reverse("portal:decisions_catalogs"), changefreq="weekly", priority=0.6)
    yield SitemapRows(
        public_catalogs().values_list("agency_id", "year"),
        lambda agency_id, year: SitemapUrl(
            reverse("portal:decisions_catalog", args=[agency_id, year])
        ),
    )
    yield SitemapRows(
        public_decisions().values_list("pk"),
        lambda pk: SitemapUrl(reverse("portal:decisions_detail", args=[pk]), changefreq="weekly"),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("重大行政决策"),
        url_name="decisions_catalogs",
        description=_("年度决策事项目录，决策草案、征求意见、采纳情况、决定、解读和执行情况"),
        order=42,
    )
    register_sitemap_section("decisions", decisions_sitemap)
