"""What 数据开放 adds to the rest of the portal: a way in from the 政务公开 column and a
sitemap section (the list and every published dataset)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.opendata.datasets.selectors import published
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def opendata_sitemap(request):
    yield SitemapUrl(reverse("portal:opendata_list"), changefreq="daily", priority=0.6)
    yield SitemapRows(
        published().values_list("name", "modified_at"),
        lambda name, changed: SitemapUrl(
            reverse("portal:opendata_detail", args=[name]), lastmod=changed
        ),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("数据开放"),
        url_name="opendata_list",
        description=_("政府数据资源目录：按机关、主题、格式和开放属性查找数据，下载或通过接口调用"),
        order=45,
    )
    register_sitemap_section("opendata", opendata_sitemap)
