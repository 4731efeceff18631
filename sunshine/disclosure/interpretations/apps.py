from django.apps import AppConfig


class InterpretationsConfig(AppConfig):
    name = "sunshine.disclosure.interpretations"
    label = "interpretations"
    verbose_name = "政策解读"

    def ready(self):
        from . import permissions, publication

        permissions.register()
        # A record marked "needs interpretation" is published (or scheduled) only with a ready
        # interpretation or the approver's waiver; its ready interpretations go public with it.
        publication.install()
