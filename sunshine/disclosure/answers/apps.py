"""公开答复库: replies to 依申请公开 requests published, with consent, without personal data."""

from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "sunshine.disclosure.answers"
    label = "foi_answers"
    verbose_name = "公开答复库"

    def ready(self):
        from . import indexing, permissions

        permissions.register()
        indexing.register()
