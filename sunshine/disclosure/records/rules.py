"""The deadline rule of 主动公开 records, declared here (the module that owns it) and registered
in AppConfig.ready(); a province overrides the number in settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import register_rule

PUBLISH = "disclosure.publish"


def register() -> None:
    # 条例 Art. 26: published within 20 wd of being formed or changed.
    register_rule(PUBLISH, length=20, label=_("主动公开时限"), basis="条例第二十六条")
