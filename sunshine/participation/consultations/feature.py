"""The 征求意见 (重大决策预公开) feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob
from sunshine.kernel.search.registry import DocType

from . import permissions, rules
from .indexing import DOC_TYPE, reindex_documents

FEATURE = Feature(
    name="consultations",
    label=_("征求意见"),
    actions=permissions.CONSULTATION_ACTIONS,
    rules=rules.RULES,
    # Open consultations whose period has started, close those whose period has ended.
    jobs=(
        PeriodicJob(
            "consultations.sync_states",
            "sunshine.participation.consultations.tasks.sync_states",
            "*/15 * * * *",
        ),
    ),
    search_types=(DocType(DOC_TYPE, _("征求意见"), reindex=reindex_documents),),
    menu=(
        MenuEntry(
            "consultations",
            _("征求意见"),
            "workbench:consultation_list",
            50,
            "consultation.view_staff",
        ),
    ),
    surfaces=("consultations",),
    api=(("/consultations", "consultations"),),
    demo="sunshine.demo.consultations_data",
)
