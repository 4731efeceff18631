"""The response deadline of a 督办: rule "oversight.response" (3 wd by default, overridable in
settings.DEADLINE_RULES). A supervisor may set another number of working days on an order; the
clock then carries that length (start_clock(length=...)) under the same rule."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import get_rule, rule

RULE = "oversight.response"
DEFAULT_DAYS = 3
MAX_RESPONSE_DAYS = 15


RULES = (rule(RULE, length=DEFAULT_DAYS, due_soon=1, label=_("督办反馈")),)


def default_days() -> int:
    return get_rule(RULE).length
