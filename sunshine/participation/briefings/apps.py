from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "sunshine.participation.briefings"
    label = "briefings"
    verbose_name = "新闻发布会与访谈"

    def ready(self):
        from sunshine.kernel.access.policy import register_actions
        from sunshine.kernel.accounts.roles import Role
        from sunshine.kernel.jobs.schedule import register_periodic

        register_actions(
            {
                "briefing.manage": [Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER],
                "briefing.view_staff": [
                    Role.AGENCY_ADMIN,
                    Role.DISCLOSURE_OFFICER,
                    Role.SUPERVISOR,
                    Role.SYSADMIN,
                ],
                # 主要负责人 coverage: an agency's own subtree; the general office sees all.
                "briefing.coverage": [
                    Role.AGENCY_ADMIN,
                    Role.DISCLOSURE_OFFICER,
                    Role.SUPERVISOR,
                    Role.SYSADMIN,
                ],
            }
        )
        # Q4 reminder (1 October, 1 November, 1 December, 09:00): agencies whose principal
        # leader has not briefed yet this year are told (seed notice: at least once a year).
        register_periodic(
            "briefings.leader_reminder",
            "sunshine.participation.briefings.tasks.remind_uncovered_agencies",
            cron="0 9 1 10,11,12 *",
        )
