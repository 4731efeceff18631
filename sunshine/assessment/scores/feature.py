"""The 政务公开考核 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from . import permissions

FEATURE = Feature(
    name="scores",
    label=_("政务公开考核"),
    actions=permissions.SCORES_ACTIONS,
    menu=(MenuEntry("scores", _("考核评分"), "workbench:scores_home", 66, "scores.view_staff"),),
    surfaces=("scores",),
    demo="sunshine.demo.scores_data",
)
