"""What 电子监察 adds to the workbench: its menu entry, for supervisors and agency staff."""

from django.utils.translation import gettext_lazy

from sunshine.servicehall.supervision.scope import may_view as _may_view

from ..menu import register_menu_item


def may_view(user) -> bool:
    cached = getattr(user, "_wb_may_view_supervision", None)
    if cached is None:
        cached = _may_view(user)
        user._wb_may_view_supervision = cached
    return cached


def register() -> None:
    register_menu_item(
        "supervision",
        label=gettext_lazy("电子监察"),
        url="workbench:supervision_dashboard",
        order=55,
        visible=may_view,
    )
