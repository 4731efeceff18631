"""The lists of 我的 (/wode/). A module's `portal/<surface>/providers.py` declares its list, so
我的 knows no module and each module reads its own data through its own selectors:

    from sunshine.portal.mine.sections import MineItem, register_mine_section

    def my_messages(user, limit):
        return [MineItem(title=m.subject, url=..., date=m.submitted_at,
                         tracker=tracker_for(m.state, MESSAGE_STATUS))
                for m in selectors.my_messages(user)[:limit]]

    register_mine_section("messages", label=_("我的留言"), items=my_messages,
                          more_url_name="messages_mine", order=10)

`items(user, limit)` returns the user's own newest `limit` items, never anyone else's."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.functional import Promise

from sunshine.kernel.registry import Registry

from .tracker import Tracker


@dataclass(frozen=True)
class MineItem:
    title: str
    url: str  # the item's citizen page
    date: date | datetime | None = None
    tracker: Tracker | None = None
    note: str | Promise = ""  # a short fact under the title (state word, level, channel)


@dataclass(frozen=True)
class MineSection:
    key: str
    label: str | Promise
    items: Callable[..., list[MineItem]]
    more_url_name: str = ""  # the module's own full list, in the "portal" namespace
    empty: str | Promise = ""
    order: int = 50


_SECTIONS: Registry[MineSection] = Registry("mine section")


def register_mine_section(
    key: str,
    *,
    label,
    items: Callable[..., list[MineItem]],
    more_url_name: str = "",
    empty="",
    order: int = 50,
) -> None:
    """Declare one list of 我的 (idempotent: the same key again replaces it)."""
    _SECTIONS.add(key, MineSection(key, label, items, more_url_name, empty, order))


def unregister_mine_section(key: str) -> None:
    _SECTIONS.remove(key)


def mine_sections() -> list[MineSection]:
    return sorted(_SECTIONS.all(), key=lambda s: (s.order, s.key))


def mine_section(key: str) -> MineSection | None:
    return _SECTIONS.find(key)
