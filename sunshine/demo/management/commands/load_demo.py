from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sunshine.demo import kernel_data
from sunshine.kernel.features import FEATURES


def scenarios() -> list:
    """The demo scenario of every feature that names one in its manifest (`demo`), in the
    order the features are declared (INSTALLED_APPS): a later scenario may use the agencies,
    users and records of an earlier one. Each module has an idempotent `load(*, stdout)`."""
    return [import_module(feature.demo) for feature in FEATURES.all() if feature.demo]


class Command(BaseCommand):
    help = "Load the demo data (idempotent). Refused in production settings."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("演示数据不能装入生产环境（DEMO_DATA_ALLOWED 为假）。")
        with transaction.atomic():
            kernel_data.load()  # the agencies and accounts every scenario uses
        for module in scenarios():
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("demo data loaded"))
