"""The 政策解读 column (slug zcjd) of the portal's home page and column page, and the 相关解读
box on a policy document's page (the 解读 page already links back to its document): 政府网站
发展指引 asks that a policy and its interpretation link to each other."""

from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.disclosure.interpretations.selectors import (
    public_interpretations,
    public_interpretations_for_record,
)
from sunshine.kernel.sites.scope import within_site
from sunshine.portal.columns import ColumnItem, register_column_provider

from .links import interpretation_url

COLUMN_SLUG = "zcjd"


def latest_interpretations(request, limit: int) -> list[ColumnItem]:
    items = within_site(public_interpretations(), request).select_related(None)
    items = items.select_related("agency")
    items = items.only("pk", "title", "published_at", "agency__name")[:limit]
    return [
        ColumnItem(
            title=i.title,
            url=interpretation_url(i),
            date=timezone.localdate(i.published_at),
            source=i.agency.name,
        )
        for i in items
    ]


def related_interpretations(record):
    """Panel 相关解读 on a public record's page: its published 解读, oldest first."""
    items = [
        {
            "title": i.title,
            "url": interpretation_url(i),
            "date": timezone.localdate(i.published_at),
            "label": str(i.get_kind_display()),
        }
        for i in public_interpretations_for_record(record)
    ]
    return _("相关解读"), items


def register() -> None:
    register_column_provider(COLUMN_SLUG, latest_interpretations)
    from sunshine.portal.records.panels import register_detail_panel

    # First of the panels (briefings are 20): the 解读 is what a reader of a policy looks for.
    register_detail_panel(related_interpretations, key="interpretations", order=10)
