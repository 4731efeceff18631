"""The 数据开放 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from . import permissions, rules

FEATURE = Feature(
    name="datasets",
    label=_("数据开放"),
    actions=permissions.DATASET_ACTIONS,
    rules=rules.RULES,
    jobs=(
        PeriodicJob(
            "opendata.quality",
            "sunshine.opendata.datasets.tasks.refresh_quality_scores",
            "30 5 * * *",
        ),
        PeriodicJob(
            "opendata.catalog_reviews",
            "sunshine.opendata.datasets.tasks.open_catalog_reviews",
            "40 6 * * *",
        ),
        PeriodicJob(
            "opendata.generated",
            "sunshine.opendata.datasets.tasks.refresh_generated_datasets",
            "10 1 * * *",
        ),
        PeriodicJob(
            "opendata.harvest",
            "sunshine.opendata.datasets.harvest_tasks.run_scheduled_harvests",
            "20 * * * *",
        ),
    ),
    menu=(
        MenuEntry("opendata", _("数据开放"), "workbench:opendata_list", 70, "dataset.view_staff"),
    ),
    surfaces=("opendata",),
    demo="sunshine.demo.opendata_data",
)
