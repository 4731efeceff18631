"""电子监察 (oversight of every handling step and time limit): see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from .permissions import ACTIONS, VIEW

FEATURE = Feature(
    name="supervision",
    label=_("电子监察"),
    actions=ACTIONS,
    menu=(MenuEntry("supervision", _("电子监察"), "workbench:supervision_dashboard", 55, VIEW),),
    surfaces=("supervision",),
    api=(("/supervision", "supervision"),),
)
