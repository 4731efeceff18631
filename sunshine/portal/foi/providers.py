"""What 依申请公开 adds to the rest of the portal: a sitemap section with the index and each
agency's guide page (/ysqgk/<agency>/)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.foi.selectors import requests_of_applicant
from sunshine.kernel.orgs.selectors import public_agencies
from sunshine.portal.catalog.agency_links import AgencyLink, register_agency_link
from sunshine.portal.columns import register_column_entry
from sunshine.portal.mine.sections import MineItem, register_mine_section
from sunshine.portal.mine.tracker import register_status_mapping
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .status import FOI_STATUS, request_tracker


def mine_requests(user, limit: int) -> list[MineItem]:
    """我的依申请公开 in 我的: the applicant's own requests, linked to their pages."""
    return [
        MineItem(
            title=_("申请 %(number)s") % {"number": r.number},
            url=reverse("portal:foi_my_detail", args=[r.pk]),
            date=r.received_on,
            tracker=request_tracker(r),
            note=r.agency.name,
        )
        for r in requests_of_applicant(user)[:limit]
    ]


def guide_link(agency) -> AgencyLink:
    """Every public agency takes applications: its guide is on its page."""
    return AgencyLink(
        _("政府信息公开申请指南"),
        reverse("portal:foi_guide", args=[agency.pk]),
        _("依申请公开的受理机构、方式、期限和在线申请"),
    )


def foi_sitemap(request):
    yield SitemapUrl(reverse("portal:foi_agencies"), changefreq="monthly", priority=0.5)
    yield SitemapRows(
        public_agencies().values_list("pk"),
        lambda agency_id: SitemapUrl(
            reverse("portal:foi_guide", args=[agency_id]), changefreq="yearly"
        ),
    )


def register() -> None:
    register_agency_link(guide_link, key="foi", order=10)
    register_status_mapping("foi", FOI_STATUS)
    register_mine_section(
        "foi",
        label=_("我的依申请公开"),
        items=mine_requests,
        more_url_name="foi_my_list",
        empty=_("您还没有提交过政府信息公开申请。"),
        order=30,
    )
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
