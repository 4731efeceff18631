"""The deadline rule of 差评整改 (rules.md §6: rectified within 15 wd), declared here and
listed in the module's feature manifest."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import rule

RECTIFY = "rating.rectify"


RULES = (rule(RECTIFY, length=15, label=_("差评整改")),)
