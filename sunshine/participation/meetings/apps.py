from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "sunshine.participation.meetings"
    label = "meetings"
    verbose_name = "会议公开"

    def ready(self):
        from sunshine.kernel.access.policy import register_actions
        from sunshine.kernel.accounts.roles import Role

        register_actions({"meeting.manage": [Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER]})
