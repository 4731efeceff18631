from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sunshine.demo import (
    answers_data,
    briefings_data,
    catalog_data,
    consultations_data,
    disclosure_data,
    foi_data,
    gazette_data,
    kernel_data,
    meetings_data,
    messages_data,
    opinion_data,
    services_data,
)

# One scenario module per feature under sunshine/demo/, each with `load(*, stdout)`, run in this
# order (later ones use the agencies, users and records of the earlier ones). Each is idempotent.
FEATURE_LOADERS = (
    gazette_data,
    catalog_data,
    consultations_data,
    meetings_data,
    messages_data,
    opinion_data,
    briefings_data,
    services_data,
    foi_data,
    answers_data,
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
        for module in FEATURE_LOADERS:
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("demo data loaded"))
