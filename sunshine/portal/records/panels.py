"""Extra panels on a record's public page (/zcwj/<id>/), contributed by other features without
editing this package — e.g. 相关解读 by the interpretations feature:

    from sunshine.portal.records.panels import PanelItem, register_detail_panel

    def related_interpretations(record):
        items = [PanelItem(title=i.title, url=..., date=i.published_at, label=i.get_kind_display())
                 for i in public_interpretations_for_record(record)]
        return _("相关解读"), items

    register_detail_panel(related_interpretations, key="interpretations", order=10)

`panel(record) -> (title, items)`; items have `title` and `url`, optionally `date` and `label`
(objects or dicts). A panel with no items is not shown. The record given is public (the page
only exists for public records); a panel must only list public things. Registering the same
key again replaces the panel (safe when a module is imported twice)."""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from sunshine.kernel.registry import Registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PanelItem:
    title: str
    url: str
    date: dt.date | dt.datetime | None = None
    label: str = ""


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    items: list[PanelItem]


Provider = Callable[..., tuple]
_PANELS: Registry[tuple[int, Provider]] = Registry("detail panel", max_name=300)


def register_detail_panel(panel: Provider, *, key: str | None = None, order: int = 100) -> None:
    """Show `panel(record) -> (title, items)` on every public record page (lower order first)."""
    _PANELS.add(key or f"{panel.__module__}.{panel.__qualname__}", (order, panel))


def unregister_detail_panel(key: str) -> None:
    _PANELS.remove(key)


def _item(raw) -> PanelItem:
    if isinstance(raw, PanelItem):
        return raw
    get = raw.get if isinstance(raw, dict) else lambda k, d=None: getattr(raw, k, d)
    return PanelItem(str(get("title")), get("url"), get("date"), str(get("label", "") or ""))


def panels_for(record) -> list[Panel]:
    """The non-empty panels for this record, in order. A failing panel is logged and left out
    (a bug in one feature must not take the policy page down)."""
    result = []
    for key, (_order, provider) in sorted(_PANELS.items(), key=lambda kv: (kv[1][0], kv[0])):
        try:
            title, items = provider(record)
            items = [_item(i) for i in items or ()]
        except Exception:
            if settings.DEBUG:
                raise
            logger.exception("record detail panel %s failed for record %s", key, record.pk)
            continue
        if items:
            result.append(Panel(key, str(title), items))
    return result
