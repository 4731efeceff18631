"""督办 (orders to follow up any module's item): see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from . import permissions, rules

FEATURE = Feature(
    name="duban",
    label=_("督办"),
    actions=permissions.ACTIONS,
    rules=rules.RULES,  # oversight.response: 3 wd by default
    menu=(MenuEntry("oversight", _("督办"), "workbench:oversight_list", 64, "oversight.view"),),
    surfaces=("duban",),
    api=(("/oversight", "duban"),),
)
