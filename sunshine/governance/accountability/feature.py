"""The 问责 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from . import permissions, rules

FEATURE = Feature(
    name="accountability",
    label=_("问责"),
    actions=permissions.ACCOUNTABILITY_ACTIONS,
    rules=rules.RULES,  # accountability.handle: 30 wd from 立案 to 结案 (configurable)
    menu=(
        MenuEntry(
            "accountability",
            _("问责"),
            "workbench:accountability_list",
            66,
            "accountability.view",
        ),
    ),
    surfaces=("accountability",),
    api=(("/accountability", "accountability"),),
    demo="sunshine.demo.accountability_data",
)
