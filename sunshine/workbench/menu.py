"""The workbench's side menu. The kernel pages are registered here (apps.py); a feature lists
its entries in its manifest (kernel/features.py `MenuEntry`, shown to those who hold its
permission on some agency), added by apps.py with `add_menu_entry`.

`url` is a URL name or a path; `visible(user) -> bool` hides the entry from those who may not
use it (the page itself must still check permission). Lower `order` comes first."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from sunshine.kernel.registry import Registry


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str
    url: str
    order: int = 100
    visible: Callable | None = None

    def href(self) -> str:
        if self.url.startswith("/"):
            return self.url
        try:
            return reverse(self.url)
        except NoReverseMatch:
            return ""


_ITEMS: Registry[MenuItem] = Registry("menu entry")


def register_menu_item(
    key: str, *, label, url: str, order: int = 100, visible: Callable | None = None
) -> None:
    _ITEMS.add(key, MenuItem(key, label, url, order, visible))


def add_menu_entry(entry) -> None:
    """A feature's MenuEntry (kernel/features.py): visible to holders of its permission."""
    from .access import may_anywhere

    visible = None
    if entry.permission:
        permission = entry.permission

        def visible(user):
            return may_anywhere(user, permission)

    register_menu_item(
        entry.key, label=entry.label, url=entry.url, order=entry.order, visible=visible
    )


def unregister_menu_item(key: str) -> None:
    _ITEMS.remove(key)


def menu_for(user, path: str) -> list[dict]:
    """The entries the user sees, with `current` set on the page being shown."""
    entries = []
    for item in sorted(_ITEMS.all(), key=lambda i: (i.order, i.key)):
        if item.visible is not None and not item.visible(user):
            continue
        href = item.href()
        if href:
            entries.append({"key": item.key, "label": item.label, "href": href})
    # The longest matching prefix is the current entry ("/workbench/" matches every page).
    best = max(
        (e for e in entries if path.startswith(e["href"])),
        key=lambda e: len(e["href"]),
        default=None,
    )
    for entry in entries:
        entry["current"] = entry is best
    return entries


def can_manage_users(user) -> bool:
    from .access import may_anywhere

    return may_anywhere(user, "user.manage")
