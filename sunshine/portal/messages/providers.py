"""What 网民留言 adds to the rest of the portal: latest published messages in the 互动交流
column (slug hdjl), the column's links to the list and the write form, and a sitemap section."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.sites.scope import within_site
from sunshine.participation.messages.selectors import my_messages, public_messages
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.mine.sections import MineItem, register_mine_section
from sunshine.portal.mine.tracker import register_status_mapping
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .status import MESSAGE_STATUS, message_tracker

COLUMN_SLUG = "hdjl"


def _detail_template() -> str:
    return reverse("portal:messages_detail", args=[0]).replace("/0/", "/{}/")


def latest_messages(request, limit: int) -> list[ColumnItem]:
    rows = (
        within_site(public_messages(), request)
        .select_related(None)
        .order_by("-published_at", "-pk")
        .values_list("pk", "public_subject", "published_at", "agency__name")[:limit]
    )
    template = _detail_template()
    return [
        ColumnItem(title=t, url=template.format(pk), date=d, source=source or "")
        for pk, t, d, source in rows
    ]


def message_sitemap(request):
    yield SitemapUrl(reverse("portal:messages_list"), changefreq="daily", priority=0.7)
    template = _detail_template()
    rows = within_site(public_messages(), request).select_related(None)
    rows = rows.values_list("pk", "published_at")
    yield SitemapRows(rows, lambda pk, changed: SitemapUrl(template.format(pk), lastmod=changed))


def mine_messages(user, limit: int) -> list[MineItem]:
    """我的留言 in 我的: the author's own, each with its tracker, linked to its card on the
    author's page (which shows the full text and the replies)."""
    page = reverse("portal:messages_mine")
    return [
        MineItem(
            title=m.subject,
            url=f"{page}#m{m.pk}",
            date=m.submitted_at,
            tracker=message_tracker(m),
            note=m.agency.name if m.agency_id else _("待分派承办单位"),
        )
        for m in my_messages(user)[:limit]
    ]


def register() -> None:
    register_status_mapping("message", MESSAGE_STATUS)
    register_mine_section(
        "messages",
        label=_("我的留言"),
        items=mine_messages,
        more_url_name="messages_mine",
        empty=_("您还没有留言。"),
        order=10,
    )
    register_column_provider(COLUMN_SLUG, latest_messages)
    register_column_entry(
        COLUMN_SLUG,
        label=_("网民留言"),
        url_name="messages_list",
        description=_("向政府部门留言，查看答复"),
        order=20,
    )
    register_column_entry(
        COLUMN_SLUG,
        label=_("我要留言"),
        url_name="messages_write",
        description=_("登录后填写留言，系统自动建议分类和承办单位"),
        order=21,
    )
    register_sitemap_section("messages", message_sitemap)
