"""回应关切 on the portal home: the latest published responses in the 新闻发布 column (xwfb),
and the event pages in the sitemap. Only published responses (public selectors)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.participation.opinion.selectors import public_events, public_responses
from sunshine.portal.columns import ColumnItem, register_column_entry, register_column_provider
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section

from .links import event_url, response_url

COLUMN_SLUG = "xwfb"


def latest_responses(request, limit: int) -> list[ColumnItem]:
    return [
        ColumnItem(
            title=f"{r.event.title}：{r.get_kind_display()}",
            url=response_url(r),
            date=timezone.localdate(r.responded_at),
        )
        for r in public_responses()[:limit]
    ]


def event_urls(request):
    yield SitemapRows(
        public_events().values_list("pk", "updated_at"),
        lambda pk, changed: SitemapUrl(event_url(pk), lastmod=changed),
    )


def register() -> None:
    register_column_entry(
        "xwfb",
        label=_("回应关切"),
        url_name="opinion_list",
        description=_("对社会关注事件的权威发布与回应"),
        order=20,
    )
    register_column_provider(COLUMN_SLUG, latest_responses)
    register_sitemap_section("opinion", event_urls)
