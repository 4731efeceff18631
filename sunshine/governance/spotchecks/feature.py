"""The 双随机、一公开 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry

from . import rules

R = Role

FEATURE = Feature(
    name="spotchecks",
    label=_("双随机、一公开"),
    actions={
        # Import the two libraries, make plans, draw, enter and publish results.
        "spotcheck.manage": [R.AGENCY_ADMIN, R.DISCLOSURE_OFFICER],
        "spotcheck.view_staff": [
            R.DRAFTER,
            R.REVIEWER,
            R.APPROVER,
            R.DISCLOSURE_OFFICER,
            R.AGENCY_ADMIN,
            R.SUPERVISOR,
            R.SYSADMIN,
        ],
    },
    rules=rules.RULES,  # spotcheck.publish_results (20 wd)
    menu=(
        MenuEntry(
            "spotchecks",
            _("双随机、一公开"),
            "workbench:spotchecks_list",
            61,
            "spotcheck.view_staff",
        ),
    ),
    surfaces=("spotchecks",),
    api=(("/spotchecks", "spotchecks"),),
    demo="sunshine.demo.spotchecks_data",
)
