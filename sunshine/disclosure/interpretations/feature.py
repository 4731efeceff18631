"""The 政策解读 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from . import permissions, publication

FEATURE = Feature(
    name="interpretations",
    label=_("政策解读"),
    actions=permissions.INTERPRETATION_ACTIONS,
    menu=(
        MenuEntry(
            "interpretations",
            _("政策解读"),
            "workbench:interpretations_list",
            35,
            "interpretation.view_staff",
        ),
    ),
    surfaces=("interpretations",),
    api=(("/interpretations", "interpretations"),),
    # A record marked "needs interpretation" is published (or scheduled) only with a ready
    # interpretation or the approver's waiver; its ready interpretations go public with it.
    install=(publication.install,),
)
