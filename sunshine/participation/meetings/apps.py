from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "sunshine.participation.meetings"
    label = "meetings"
    verbose_name = "会议公开"

    def ready(self):
        from sunshine.kernel.access.policy import register_actions
        from sunshine.kernel.accounts.roles import Role
        from sunshine.kernel.jobs.schedule import register_periodic

        register_actions(
            {
                "meeting.manage": [Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER],
                # Supervisors (办公厅) follow every agency's meetings without running them.
                "meeting.view_staff": [
                    Role.AGENCY_ADMIN,
                    Role.DISCLOSURE_OFFICER,
                    Role.SUPERVISOR,
                    Role.SYSADMIN,
                ],
            }
        )
        # Every 5 minutes: meetings whose application deadline has passed are drawn by the
        # system (the same service and audit as a draw run by staff or the CLI).
        register_periodic(
            "meetings.draw_due",
            "sunshine.participation.meetings.tasks.draw_due_meetings",
            cron="*/5 * * * *",
        )
