from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sunshine.demo import disclosure_data, kernel_data

# One module per feature under sunshine/demo/, each with `load(*, stdout)`, run in this order
# (later ones use the agencies, users and records of the earlier ones). Each is idempotent.
FEATURE_LOADERS = (
    "gazette_data",
    "catalog_data",
    "consultations_data",
    "meetings_data",
    "messages_data",
    "opinion_data",
    "briefings_data",
    "services_data",
    "ratings_data",
    "foi_data",
    "answers_data",
)


class Command(BaseCommand):
    help = "Load the demo data (idempotent). Refused in production settings."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("演示数据不能装入生产环境（DEMO_DATA_ALLOWED 为假）。")
        with transaction.atomic():
            kernel_data.load()
        with transaction.atomic():
            disclosure_data.load(stdout=self.stdout)
        for name in FEATURE_LOADERS:
            module = f"sunshine.demo.{name}"
            if find_spec(module) is None:
                continue
            import_module(module).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("demo data loaded"))
