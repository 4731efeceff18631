"""The 权力清单和责任清单 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob
from sunshine.kernel.search.registry import DocType

from .indexing import DOC_TYPE, reindex_documents

R = Role

FEATURE = Feature(
    name="powers",
    label=_("权力清单"),
    actions={
        # Create, revise, repeal items; import the agency's list from XLSX.
        "power.edit": [R.AGENCY_ADMIN, R.DISCLOSURE_OFFICER],
        "power.view_staff": [
            R.DRAFTER,
            R.REVIEWER,
            R.APPROVER,
            R.DISCLOSURE_OFFICER,
            R.AGENCY_ADMIN,
            R.SUPERVISOR,
            R.SYSADMIN,
        ],
    },
    jobs=(
        PeriodicJob(
            "powers.refresh_search",
            "sunshine.governance.powers.tasks.refresh_search_index",
            "5 0 * * *",
        ),
    ),
    search_types=(DocType(DOC_TYPE, _("权力清单"), reindex=reindex_documents),),
    menu=(MenuEntry("powers", _("权力清单"), "workbench:powers_list", 60, "power.view_staff"),),
    surfaces=("powers",),
    api=(("/powers", "powers"),),
    demo="sunshine.demo.powers_data",
)
