"""The 办事服务 column (slug bsfw) of the portal home page and the sitemap of the service
guides."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.sites.scope import within_site
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.mine.sections import MineItem, register_mine_section
from sunshine.portal.mine.tracker import register_status_mapping
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section
from sunshine.servicehall.applications.selectors import my_applications
from sunshine.servicehall.catalog.indexing import item_url
from sunshine.servicehall.catalog.selectors import public_items

from .status import APPLICATION_STATUS, application_tracker

COLUMN_SLUG = "bsfw"


def latest_items(request, limit: int) -> list[ColumnItem]:
    items = (
        within_site(public_items(), request)
        .select_related("agency")
        .only("pk", "code", "name", "published_at", "agency__name")
        .order_by("-published_at")
    )
    return [
        ColumnItem(
            title=i.name,
            url=item_url(i),
            date=timezone.localdate(i.published_at),
            source=i.agency.name,
        )
        for i in items[:limit]
    ]


def sitemap(request):
    yield SitemapRows(
        within_site(public_items(), request).select_related(None).values_list("code", "updated_at"),
        lambda code, changed: SitemapUrl(
            reverse("portal:service_item_detail", args=[code]),  # as item_url
            lastmod=changed,
            changefreq="monthly",
        ),
    )


def mine_applications(user, limit: int) -> list[MineItem]:
    """我的办件 in 我的: the applicant's own applications, linked to their pages."""
    return [
        MineItem(
            title=a.item.name,
            url=reverse("portal:service_my_application", args=[a.number]),
            date=a.submitted_at,
            tracker=application_tracker(a),
            note=f"{a.number} · {a.agency.name}",
        )
        for a in my_applications(user)[:limit]
    ]


def register() -> None:
    register_status_mapping("application", APPLICATION_STATUS)
    register_mine_section(
        "applications",
        label=_("我的办件"),
        items=mine_applications,
        more_url_name="service_my_applications",
        empty=_("您还没有办件。"),
        order=20,
    )
    register_column_entry(
        "bsfw",
        label=_("网上办事大厅"),
        url_name="service_hall",
        description=_("按主题查找事项、在线申办、查询办件进度"),
        order=10,
    )
    register_column_provider(COLUMN_SLUG, latest_items)
    register_sitemap_section("service_items", sitemap)
