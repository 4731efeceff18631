from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "sunshine.kernel.deadlines"
    label = "deadlines"
    verbose_name = "期限"
