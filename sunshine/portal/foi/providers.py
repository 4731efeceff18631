"""What 依申请公开 adds to the rest of the portal: a sitemap section with the index and each
agency's guide page (/ysqgk/<agency>/)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.orgs.selectors import public_agencies
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def foi_sitemap(request):
    yield SitemapUrl(reverse("portal:foi_agencies"), changefreq="monthly", priority=0.5)
    yield SitemapRows(
        public_agencies().values_list("pk"),
        lambda agency_id: SitemapUrl(
            reverse("portal:foi_guide", args=[agency_id]), changefreq="yearly"
        ),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("依申请公开"),
        url_name="foi_agencies",
        description=_("申请获取政府信息：指南、费用与在线申请"),
        order=30,
    )
    register_column_entry(
        "bsfw",
        label=_("依申请公开"),
        url_name="foi_agencies",
        description=_("申请获取政府信息：指南、费用与在线申请"),
        order=30,
    )
    register_sitemap_section("foi", foi_sitemap)
