"""好差评 on the portal's home page: the latest published 差评整改 outcomes in the 办事服务
column (bsfw), and the 好差评公示 pages in the sitemap."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.accounts.masking import mask_personal_data
from sunshine.kernel.ratings.selectors import published_cases
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

COLUMN_SLUG = "bsfw"


def latest_outcomes(request, limit: int) -> list[ColumnItem]:
    cases = published_cases()[:limit]
    return [
        ColumnItem(
            title=_("差评整改公示：%(title)s") % {"title": mask_personal_data(c.title or "")},
            url=reverse("portal:ratings_hcp_case", args=[c.pk]),
            date=timezone.localdate(c.published_at),
        )
        for c in cases
    ]


def hcp_sitemap(request):
    yield SitemapUrl(reverse("portal:ratings_hcp"), changefreq="daily", priority=0.5)
    yield SitemapRows(
        published_cases().values_list("pk", "published_at")[:5000],
        lambda pk, published_at: SitemapUrl(
            reverse("portal:ratings_hcp_case", args=[pk]), lastmod=published_at
        ),
    )


def register() -> None:
    register_column_entry(
        "bsfw",
        label=gettext_lazy("好差评公示"),
        url_name="ratings_hcp",
        description=gettext_lazy("各单位满意度与差评整改结果"),
        order=40,
    )
    register_column_provider(COLUMN_SLUG, latest_outcomes)
    register_sitemap_section("ratings", hcp_sitemap)
