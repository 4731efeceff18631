"""电子监察 (oversight of every handling step and time limit): see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from .permissions import ACTIONS, VIEW

_TASKS = "sunshine.servicehall.supervision.tasks"

FEATURE = Feature(
    name="supervision",
    label=_("电子监察"),
    actions=ACTIONS,
    jobs=(
        # The daily summary (summary.py): new and touched days every 10 minutes, and a recount
        # of the last 40 days at night (Asia/Shanghai).
        PeriodicJob(
            "service_supervision.refresh_summary", f"{_TASKS}.refresh_summary_task", "*/10 * * * *"
        ),
        PeriodicJob(
            "service_supervision.recount_recent", f"{_TASKS}.recount_recent_task", "20 3 * * *"
        ),
    ),
    menu=(MenuEntry("supervision", _("电子监察"), "workbench:supervision_dashboard", 55, VIEW),),
    surfaces=("supervision",),
    api=(("/supervision", "supervision"),),
)
