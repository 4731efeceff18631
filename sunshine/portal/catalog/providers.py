"""What the catalog feature adds to the rest of the portal: the 政务公开 column (slug zwgk)
lists the catalogs updated most recently, and the sitemap has a section for the catalogs."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.disclosure.catalog.selectors import public_catalogs
from sunshine.kernel.sites.scope import within_site
from sunshine.portal.columns import ColumnItem, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .links import catalog_url

COLUMN_SLUG = "zwgk"


def recently_updated(request, limit: int) -> list[ColumnItem]:
    """The entry point (the list of all catalogs), then the catalogs updated last."""
    catalogs = list(within_site(public_catalogs(), request).order_by("-updated_at", "-pk")[:limit])
    if not catalogs:
        return []
    newest = timezone.localdate(catalogs[0].updated_at)
    index = ColumnItem(title=_("主动公开基本目录"), url=reverse("portal:catalog_list"), date=newest)
    return [index] + [
        ColumnItem(
            title=str(c),
            url=catalog_url(c.agency_id),
            date=timezone.localdate(c.updated_at),
            source=c.agency.name,
        )
        for c in catalogs[: limit - 1]
    ]


def catalog_sitemap(request):
    yield SitemapUrl(reverse("portal:catalog_list"), changefreq="weekly", priority=0.6)
    yield SitemapRows(
        within_site(public_catalogs(), request).values_list("agency_id", "updated_at"),
        lambda agency_id, changed: SitemapUrl(
            catalog_url(agency_id), lastmod=changed, changefreq="monthly"
        ),
    )


def register() -> None:
    register_column_provider(COLUMN_SLUG, recently_updated)
    register_sitemap_section("catalog", catalog_sitemap)
