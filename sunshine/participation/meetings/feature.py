"""The 会议公开 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

FEATURE = Feature(
    name="meetings",
    label=_("会议公开"),
    actions={
        "meeting.manage": [Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER],
        # Supervisors (办公厅) follow every agency's meetings without running them.
        "meeting.view_staff": [
            Role.AGENCY_ADMIN,
            Role.DISCLOSURE_OFFICER,
            Role.SUPERVISOR,
            Role.SYSADMIN,
        ],
    },
    # Every 5 minutes: meetings whose application deadline has passed are drawn by the system
    # (the same service and audit as a draw run by staff or the CLI).
    jobs=(
        PeriodicJob(
            "meetings.draw_due",
            "sunshine.participation.meetings.tasks.draw_due_meetings",
            "*/5 * * * *",
        ),
    ),
    menu=(
        MenuEntry("meetings", _("会议公开"), "workbench:meetings_list", 45, "meeting.view_staff"),
    ),
    surfaces=("meetings",),
    api=(("/meetings", "meetings"),),
    demo="sunshine.demo.meetings_data",
)
