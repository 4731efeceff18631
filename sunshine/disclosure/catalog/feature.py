"""The 主动公开基本目录 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from . import permissions, rules

FEATURE = Feature(
    name="catalog",
    label=_("主动公开目录"),
    actions=permissions.CATALOG_ACTIONS,
    rules=rules.RULES,
    # Daily, early morning (Asia/Shanghai): flag stale items, then open due reviews.
    jobs=(
        PeriodicJob(
            "catalog.stale_check",
            "sunshine.disclosure.catalog.tasks.check_stale_items",
            "10 6 * * *",
        ),
        PeriodicJob(
            "catalog.open_reviews",
            "sunshine.disclosure.catalog.tasks.open_due_reviews",
            "20 6 * * *",
        ),
    ),
    menu=(
        MenuEntry("catalog", _("主动公开目录"), "workbench:catalog_home", 37, "catalog.view_staff"),
    ),
    surfaces=("catalog",),
    api=(("/catalog", "catalog"),),
    demo="sunshine.demo.catalog_data",
)
