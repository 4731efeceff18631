"""The 政府信息 (主动公开 records) feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob
from sunshine.kernel.search.registry import DocType

from . import permissions, rules
from .indexing import reindex_documents

FEATURE = Feature(
    name="records",
    label=_("政府信息"),
    actions=permissions.RECORD_ACTIONS,
    rules=rules.RULES,
    # Scheduled publication: every minute; a sweep after an outage catches up (scheduling.py).
    jobs=(
        PeriodicJob(
            "records.publish_scheduled",
            "sunshine.disclosure.records.tasks.publish_scheduled_records",
            "* * * * *",
        ),
    ),
    # Site search: public records are documents of type "record" (indexing.py); the reindex
    # callable serves `manage.py search_reindex --type record`.
    search_types=(DocType("record", _("政府信息"), reindex=reindex_documents),),
    menu=(MenuEntry("records", _("政府信息"), "workbench:records_list", 30, "record.view_staff"),),
    surfaces=("records",),
    api=(("/records", "records"),),
    demo="sunshine.demo.disclosure_data",
)
