"""Load the demo catalog of 广东省交通运输厅 (after `load_demo`; idempotent): the items come
in through the XLSX import, and the agency's public records are linked to the items whose
keywords their titles contain."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sunshine.disclosure.catalog import demo, services
from sunshine.disclosure.catalog.imports import import_catalog
from sunshine.disclosure.catalog.stale import refresh_items
from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency


class Command(BaseCommand):
    help = "Load the demo 主动公开基本目录 of 广东省交通运输厅 (idempotent)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("演示数据不能装入生产环境（DEMO_DATA_ALLOWED 为假）。")
        agency = Agency.objects.filter(name=demo.AGENCY).first()
        officer = User.objects.filter(email=demo.OFFICER).first()
        if agency is None or officer is None:
            raise CommandError("请先运行 manage.py load_demo。")
        with transaction.atomic():
            result = import_catalog(agency=agency, actor=officer, uploaded_file=demo.demo_file())
            items = {i.number: i for i in result.catalog.items.all()}
            linked = 0
            records = list(public_records(agency=agency)[:500])
            for number, words in demo.KEYWORDS.items():
                item = items.get(number)
                if item is None:
                    continue
                have = set(item.links.values_list("record_id", flat=True))
                for record in records:
                    if record.pk not in have and any(w in record.title for w in words):
                        services.link_record(item=item, record=record, actor=officer)
                        linked += 1
            refresh_items(list(items.values()))
        self.stdout.write(
            self.style.SUCCESS(
                f"catalog demo: {len(result.created)} added, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged, {linked} records linked"
            )
        )
