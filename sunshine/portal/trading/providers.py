"""What 公共资源交易 adds to the rest of the portal: a way in from the 政务公开 column, a link
on each supervising agency's page (/gkml/<id>/ → the agency filter of /ggzy/) and a sitemap
section."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sunshine.opendata.trading.selectors import public_projects
from sunshine.portal.catalog.agency_links import AgencyLink, register_agency_link
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def trading_sitemap(request):
    yield SitemapUrl(reverse("portal:trading_list"), changefreq="daily", priority=0.5)
    yield SitemapUrl(reverse("portal:trading_blacklist"), changefreq="weekly", priority=0.3)
    yield SitemapRows(
        public_projects().values_list("pk", "last_published_on"),
        lambda pk, day: SitemapUrl(reverse("portal:trading_detail", args=[pk]), lastmod=day),
    )


def supervised_projects_link(agency) -> AgencyLink | None:
    """The projects this agency (or one under it) supervises, when there are any."""
    count = public_projects(agency_id=agency.pk).count()
    if not count:
        return None
    return AgencyLink(
        _("公共资源交易"),
        f"{reverse('portal:trading_list')}?agency={agency.pk}",
        ngettext("监管的交易项目 %(n)d 个", "监管的交易项目 %(n)d 个", count) % {"n": count},
    )


def register() -> None:
    register_agency_link(supervised_projects_link, key="trading", order=40)
    register_column_entry(
        "zwgk",
        label=_("公共资源交易"),
        url_name="trading_list",
        description=_("工程建设、政府采购、土地和矿业权出让、国有产权交易的公告、结果和投诉处理"),
        order=44,
    )
    register_sitemap_section("trading", trading_sitemap)
