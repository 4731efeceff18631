from django.apps import AppConfig


class CitizenMessagesConfig(AppConfig):
    name = "sunshine.participation.messages"
    label = "citizen_messages"
    verbose_name = "网民留言"
