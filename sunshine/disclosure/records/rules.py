"""The deadline rule of 主动公开 records, declared here (the module that owns it) and listed
in the feature manifest; a province overrides the number in settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import rule

PUBLISH = "disclosure.publish"


RULES = (
    # 条例 Art. 26: published within 20 wd of being formed or changed.
    rule(PUBLISH, length=20, label=_("主动公开时限"), basis="条例第二十六条"),
)
