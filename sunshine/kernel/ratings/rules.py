"""The deadline rule of 差评整改 (rules.md §6: rectified within 15 wd), declared here and
registered in AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import register_rule

RECTIFY = "rating.rectify"


def register() -> None:
    register_rule(RECTIFY, length=15, label=_("差评整改"))
