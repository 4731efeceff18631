"""The deadline kernel's own declaration (its sweep job): see sunshine/kernel/features.py. It
owns no rules: each module declares those it owns."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature
from sunshine.kernel.jobs.schedule import PeriodicJob

FEATURE = Feature(
    name="deadlines",
    label=_("期限"),
    jobs=(
        PeriodicJob(
            "deadlines.sweep", "sunshine.kernel.deadlines.tasks.sweep_clocks", "*/5 * * * *"
        ),
        PeriodicJob(
            "deadlines.stats", "sunshine.kernel.deadlines.stats.refresh_facts_task", "*/10 * * * *"
        ),
        PeriodicJob(
            "deadlines.stats_nightly",
            "sunshine.kernel.deadlines.stats.rebuild_facts_task",
            "40 2 * * *",
        ),
    ),
    surfaces=("clocks", "calendar"),
)
