"""The 新闻发布会 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

_STAFF = [Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER, Role.SUPERVISOR, Role.SYSADMIN]

FEATURE = Feature(
    name="briefings",
    label=_("新闻发布会"),
    actions={
        "briefing.manage": [Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER],
        "briefing.view_staff": _STAFF,
        # 主要负责人 coverage: an agency's own subtree; the general office sees all.
        "briefing.coverage": _STAFF,
    },
    # Q4 reminder (1 October, 1 November, 1 December, 09:00): agencies whose principal leader
    # has not briefed yet this year are told (seed notice: at least once a year).
    jobs=(
        PeriodicJob(
            "briefings.leader_reminder",
            "sunshine.participation.briefings.tasks.remind_uncovered_agencies",
            "0 9 1 10,11,12 *",
        ),
    ),
    menu=(
        MenuEntry(
            "briefings", _("新闻发布会"), "workbench:briefings_list", 47, "briefing.view_staff"
        ),
    ),
    surfaces=("briefings",),
    api=(("/briefings", "briefings"),),
    demo="sunshine.demo.briefings_data",
)
