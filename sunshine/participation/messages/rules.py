"""The deadline rules of 网民留言 (rules.md §7), declared here and registered in
AppConfig.ready(); a province overrides the numbers in settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import register_rule

REPLY, RETURN_MISROUTED = "message.reply", "message.return_misrouted"


def register() -> None:
    # Reply within 5 wd; one extension of up to 10 wd.
    register_rule(REPLY, length=5, label=_("留言答复"), max_extensions=1, max_extension_length=10)
    register_rule(RETURN_MISROUTED, length=2, label=_("错派退回"))
