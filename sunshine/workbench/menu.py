"""The workbench's side menu. The kernel pages are registered here (apps.py); a domain module
adds its own pages in its AppConfig.ready():

    from sunshine.workbench.menu import register_menu_item

    register_menu_item("disclosure", label=_("依申请公开"), url="disclosure:queue", order=40,
                       visible=lambda user: can_any(user, "foi.handle"))

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
    from sunshine.kernel.access.policy import can_anywhere

    cached = getattr(user, "_workbench_can_manage_users", None)
    if cached is None:
        cached = user.is_authenticated and can_anywhere(user, "user.manage")
        user._workbench_can_manage_users = cached
    return cached
