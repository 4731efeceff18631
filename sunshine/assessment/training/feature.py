"""The 政务公开培训 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry

R = Role
STAFF = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN]

FEATURE = Feature(
    name="training",
    label=_("政务公开培训"),
    actions={
        # Courses, sessions and attendance of one's agency (a province-wide session: the
        # general office, whose supervisors' grants reach every agency).
        "training.manage": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SUPERVISOR, R.SYSADMIN],
        "training.view": [*STAFF, R.SUPERVISOR, R.SYSADMIN],
    },
    menu=(
        MenuEntry("training", _("政务公开培训"), "workbench:training_index", 90, "training.view"),
    ),
    surfaces=("training",),
    api=(("/training", "training"),),
    demo="sunshine.demo.training_data",
)
