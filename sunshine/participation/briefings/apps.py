from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "sunshine.participation.briefings"
    label = "briefings"
    verbose_name = "新闻发布会与访谈"
