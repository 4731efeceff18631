from django.apps import AppConfig


class InterpretationsConfig(AppConfig):
    name = "sunshine.disclosure.interpretations"
    label = "interpretations"
    verbose_name = "政策解读"
