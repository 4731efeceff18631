"""The deadline rules of 网民留言 (rules.md §7), declared here and listed in
the feature manifest; a province overrides the numbers in settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import rule

REPLY, RETURN_MISROUTED = "message.reply", "message.return_misrouted"


RULES = (
    # Reply within 5 wd; one extension of up to 10 wd.
    rule(REPLY, length=5, label=_("留言答复"), max_extensions=1, max_extension_length=10),
    rule(RETURN_MISROUTED, length=2, label=_("错派退回")),
)
