"""What 依申请公开 adds to the rest of the portal: a sitemap section with the index and each
agency's guide page (/ysqgk/<agency>/)."""

from django.urls import reverse

from sunshine.kernel.orgs.selectors import public_agencies
from sunshine.portal.sitemaps import SitemapUrl, register_sitemap_section


def foi_sitemap(request):
    yield SitemapUrl(reverse("portal:foi_agencies"), changefreq="monthly", priority=0.5)
    for agency_id in public_agencies().values_list("pk", flat=True):
        yield SitemapUrl(reverse("portal:foi_guide", args=[agency_id]), changefreq="yearly")


def register() -> None:
    register_sitemap_section("foi", foi_sitemap)
