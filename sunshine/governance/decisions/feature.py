"""The 重大行政决策 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.search.registry import DocType

from . import permissions, rules
from .indexing import DOC_TYPE, reindex_documents

FEATURE = Feature(
    name="decisions",
    label=_("重大行政决策"),
    actions=permissions.DECISION_ACTIONS,
    rules=rules.RULES,  # decision.legality_review, decision.evaluation
    search_types=(DocType(DOC_TYPE, _("重大行政决策"), reindex=reindex_documents),),
    menu=(
        MenuEntry(
            "decisions", _("重大行政决策"), "workbench:decisions_list", 55, "decision.view_staff"
        ),
    ),
    surfaces=("decisions",),
    api=(("/decisions", "decisions"),),
    demo="sunshine.demo.decisions_data",
)
