"""The 政务公开工作计划 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.access.policy import OWNER
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry

from . import integration, rules

R = Role
STAFF = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN]

FEATURE = Feature(
    name="workplans",
    label=_("工作计划"),
    actions={
        # The general office opens a yearly round and follows up (督查 through kernel duban).
        "workplans.manage_round": [R.SUPERVISOR, R.SYSADMIN],
        # An agency's 公开办 / administrator writes and submits its plan and its tasks.
        "workplans.edit": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
        # A task's owner (or the agency's editors) reports it done.
        "workplans.task_done": [OWNER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
        "workplans.view": [*STAFF, R.SUPERVISOR, R.SYSADMIN],
    },
    rules=rules.RULES,  # workplans.submit, workplans.task (calendar days to a set date)
    supervisables=(integration.PLAN, integration.TASK),
    menu=(
        MenuEntry("workplans", _("工作计划"), "workbench:workplans_index", 91, "workplans.view"),
    ),
    surfaces=("workplans",),
    api=(("/workplans", "workplans"),),
    demo="sunshine.demo.workplans_data",
)
