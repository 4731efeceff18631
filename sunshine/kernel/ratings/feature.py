"""好差评 (ratings of finished work, any module's kinds): see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from . import permissions, rules

FEATURE = Feature(
    name="ratings",
    label=_("好差评"),
    actions=permissions.ACTIONS,
    rules=rules.RULES,
    # Daily at 01:30 Asia/Shanghai: no rating within the period → 基本满意 (rules.md §6).
    jobs=(
        PeriodicJob(
            "ratings.default",
            "sunshine.kernel.ratings.tasks.apply_default_ratings_task",
            "30 1 * * *",
        ),
    ),
    menu=(MenuEntry("ratings", _("好差评"), "workbench:ratings_list", 62, "rating.view_staff"),),
    surfaces=("ratings",),
    api=(("/ratings", "ratings"),),
)
