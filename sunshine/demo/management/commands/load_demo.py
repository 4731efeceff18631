from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sunshine.demo import disclosure_data, kernel_data


class Command(BaseCommand):
    help = "Load the demo data (idempotent). Refused in production settings."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("演示数据不能装入生产环境（DEMO_DATA_ALLOWED 为假）。")
        with transaction.atomic():
            kernel_data.load()
        with transaction.atomic():
            disclosure_data.load(stdout=self.stdout)
        from sunshine.disclosure.gazette import demo as gazette_demo

        gazette_demo.load(stdout=self.stdout)
        call_command("load_catalog_demo", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("demo data loaded"))
