"""What key items add to the rest of the portal: a way in from the 政务公开 column and a
sitemap section."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.governance.keyitems.selectors import public_items
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def keyitems_sitemap(request):
    yield SitemapUrl(reverse("portal:keyitems_list"), changefreq="weekly", priority=0.5)
    yield SitemapUrl(reverse("portal:keyitems_spending"), changefreq="weekly", priority=0.4)
    yield SitemapRows(
        public_items().values_list("pk", "updated_at"),
        lambda pk, updated: SitemapUrl(
            reverse("portal:keyitems_detail", args=[pk]), lastmod=updated
        ),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("重要职权事项监督"),
        url_name="keyitems_list",
        description=_("重大项目进展、大额资金使用情况和我要监督"),
        order=42,
    )
    register_sitemap_section("keyitems", keyitems_sitemap)
