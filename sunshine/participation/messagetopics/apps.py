from django.apps import AppConfig


class MessageTopicsConfig(AppConfig):
    name = "sunshine.participation.messagetopics"
    label = "message_topics"
    verbose_name = "留言热点与统计"
