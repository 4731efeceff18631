"""留言热点与统计."""

from django.apps import AppConfig


class MessageTopicsConfig(AppConfig):
    name = "sunshine.participation.messagetopics"
    label = "message_topics"
    verbose_name = "留言热点与统计"

    def ready(self):
        from sunshine.kernel.access.policy import register_actions
        from sunshine.kernel.jobs.schedule import register_periodic

        from .permissions import ACTIONS

        register_actions(ACTIONS)
        # New messages join groups every 10 minutes; hot scores decay, so refresh them too.
        register_periodic(
            "message_topics.assign_new",
            "sunshine.participation.messagetopics.tasks.assign_new_messages_task",
            cron="*/10 * * * *",
        )
        register_periodic(
            "message_topics.refresh_hot",
            "sunshine.participation.messagetopics.tasks.refresh_hot_scores_task",
            cron="5 * * * *",
        )
        # The batch regroup (new topics, merged topics) at night, Asia/Shanghai time.
        register_periodic(
            "message_topics.regroup",
            "sunshine.participation.messagetopics.tasks.regroup_messages_task",
            cron="40 2 * * *",
        )
