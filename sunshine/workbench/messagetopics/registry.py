"""The workbench menu entry of 留言统计与热点."""

from django.utils.translation import gettext_lazy

from sunshine.kernel.access.policy import can_anywhere

from ..menu import register_menu_item


def may_view(user) -> bool:
    cached = getattr(user, "_workbench_may_view_messagetopics", None)
    if cached is None:
        cached = user.is_authenticated and can_anywhere(user, "message_topics.view_stats")
        user._workbench_may_view_messagetopics = cached
    return cached


def register() -> None:
    register_menu_item(
        "messagetopics",
        label=gettext_lazy("留言统计与热点"),
        url="workbench:messagetopics_stats",
        order=56,
        visible=may_view,
    )
