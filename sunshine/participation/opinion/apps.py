from django.apps import AppConfig


class OpinionConfig(AppConfig):
    name = "sunshine.participation.opinion"
    label = "opinion"
    verbose_name = "政务舆情"
