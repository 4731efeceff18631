"""The 依申请公开 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from . import permissions, rules

FEATURE = Feature(
    name="foi",
    label=_("依申请公开"),
    actions=permissions.FOI_ACTIONS,
    rules=rules.RULES,  # foi.reply, foi.correction_notice, foi.third_party, foi.payment
    # A silent third party's pause ends by itself at the end of its 15th working day.
    jobs=(
        PeriodicJob(
            "foi.third_party_lapse",
            "sunshine.disclosure.foi.tasks.lapse_silent_consultations_task",
            "*/5 * * * *",
        ),
    ),
    menu=(MenuEntry("foi", _("依申请公开"), "workbench:foi_list", 40, "foi.view_staff"),),
    surfaces=("foi", "releases"),
    api=(("/foi", "foi"), ("/foi", "foi_releases")),
    demo="sunshine.demo.foi_data",
)
