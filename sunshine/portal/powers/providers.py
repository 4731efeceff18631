"""What the 权力清单 adds to the rest of the portal: a way in from the 政务公开 column and a
sitemap section (the lists and every item in force)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.governance.powers.selectors import versions_in_force
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def powers_sitemap(request):
    yield SitemapUrl(reverse("portal:powers_list"), changefreq="weekly", priority=0.6)
    yield SitemapUrl(reverse("portal:powers_responsibility"), changefreq="weekly", priority=0.5)
    yield SitemapRows(
        versions_in_force().values_list("item_id"),
        lambda item_id: SitemapUrl(
            reverse("portal:powers_detail", args=[item_id]), changefreq="monthly"
        ),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("权力清单"),
        url_name="powers_list",
        description=_("各机关权力清单和责任清单：事项类型、设定依据、责任事项"),
        order=40,
    )
    register_sitemap_section("powers", powers_sitemap)
