"""The 行政执法公示 (双公示) feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.search.registry import DocType

from . import rules
from .indexing import DOC_TYPE, reindex_documents

R = Role

FEATURE = Feature(
    name="enforcement",
    label=_("行政执法公示"),
    actions={
        # Register decisions, send 重大执法决定 to 法制审核, record the decision's date and the
        # 执法全过程记录.
        "enforcement.edit": [R.DRAFTER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
        # 公示 and 撤回 (what the public sees).
        "enforcement.publish": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
        # 法制审核 of 重大执法决定: the agency's reviewers (its legal office's staff).
        "enforcement.legal_review": [R.REVIEWER, R.APPROVER],
        "enforcement.view_staff": [
            R.DRAFTER,
            R.REVIEWER,
            R.APPROVER,
            R.DISCLOSURE_OFFICER,
            R.AGENCY_ADMIN,
            R.SUPERVISOR,
            R.SYSADMIN,
        ],
    },
    rules=rules.RULES,  # enforcement.publish (7 wd), .withdraw (3 days), .legal_review (5 wd)
    search_types=(DocType(DOC_TYPE, _("行政执法公示"), reindex=reindex_documents),),
    menu=(
        MenuEntry(
            "enforcement",
            _("行政执法公示"),
            "workbench:enforcement_list",
            62,
            "enforcement.view_staff",
        ),
    ),
    surfaces=("enforcement",),
    api=(("/enforcement", "enforcement"),),
    demo="sunshine.demo.enforcement_data",
)
