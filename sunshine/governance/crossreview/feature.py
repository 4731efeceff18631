"""The 交叉互评 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from . import permissions, rules

FEATURE = Feature(
    name="crossreview",
    label=_("交叉互评"),
    actions=permissions.CROSSREVIEW_ACTIONS,
    rules=rules.RULES,  # crossreview.submit (10 wd, per round configurable)
    menu=(
        MenuEntry(
            "crossreview",
            _("交叉互评"),
            "workbench:crossreview_list",
            63,
            "crossreview.view_staff",
        ),
    ),
    surfaces=("crossreview",),
    api=(("/crossreview", "crossreview"),),
    demo="sunshine.demo.crossreview_data",
)
