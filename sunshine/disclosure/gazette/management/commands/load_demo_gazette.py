from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sunshine.disclosure.gazette import demo


class Command(BaseCommand):
    help = "Load the gazette's demo issues (idempotent; after load_demo)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("演示数据不能装入生产环境（DEMO_DATA_ALLOWED 为假）。")
        demo.load(stdout=self.stdout)
