"""The 政策解读 column (slug zcjd) of the portal's home page and column page."""

from django.utils import timezone

from sunshine.disclosure.interpretations.selectors import public_interpretations
from sunshine.portal.columns import ColumnItem, register_column_provider

from .links import interpretation_url

COLUMN_SLUG = "zcjd"


def latest_interpretations(request, limit: int) -> list[ColumnItem]:
    items = public_interpretations().select_related(None).only("pk", "title", "published_at")
    items = items[:limit]
    return [
        ColumnItem(
            title=i.title,
            url=interpretation_url(i),
            date=timezone.localdate(i.published_at),
        )
        for i in items
    ]


def register() -> None:
    register_column_provider(COLUMN_SLUG, latest_interpretations)
