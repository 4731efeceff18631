"""The 政务舆情回应 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from . import permissions, rules

FEATURE = Feature(
    name="opinion",
    label=_("政务舆情"),
    actions=permissions.OPINION_ACTIONS,
    rules=rules.RULES,
    # Overdue opinion clocks also go to the general office (alerts.py).
    jobs=(
        PeriodicJob(
            "opinion.overdue_notices",
            "sunshine.participation.opinion.tasks.notify_overdue",
            "*/5 * * * *",
        ),
    ),
    menu=(MenuEntry("opinion", _("政务舆情"), "workbench:opinion_list", 55, "opinion.view_staff"),),
    surfaces=("opinion",),
    api=(("/opinion", "opinion"),),
    demo="sunshine.demo.opinion_data",
)
