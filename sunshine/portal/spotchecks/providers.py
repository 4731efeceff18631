"""What the spot checks add to the rest of the portal: a sitemap section."""

from django.urls import reverse

from sunshine.governance.spotchecks.selectors import public_plans
from sunshine.portal.sitemaps import SitemapUrl, register_sitemap_section


def spotchecks_sitemap(request):
    yield SitemapUrl(reverse("portal:spotchecks_list"), changefreq="weekly", priority=0.5)
    for pk, drawn in public_plans().values_list("pk", "drawn_at"):
        yield SitemapUrl(reverse("portal:spotchecks_detail", args=[pk]), lastmod=drawn)


def register() -> None:
    register_sitemap_section("spotchecks", spotchecks_sitemap)
