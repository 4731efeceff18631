"""manage.py harvest <source id>…: run harvest sources now (as the staff member who set each up)
and print the report. `--due`: the sources whose schedule is due, as the periodic job does."""

from django.core.management.base import BaseCommand, CommandError

from sunshine.opendata.datasets import harvest
from sunshine.opendata.datasets.harvest_models import HarvestSource


class Command(BaseCommand):
    help = "采集：运行采集来源（CKAN 或 DCAT），输出新增、更新、未变化、来源已删除和失败的数量。"

    def add_arguments(self, parser):
        parser.add_argument("source_ids", nargs="*", type=int)
        parser.add_argument("--due", action="store_true", help="run the sources that are due")

    def handle(self, *args, source_ids, due, **options):
        if due:
            self.stdout.write(str(harvest.run_due()))
            return
        if not source_ids:
            raise CommandError("give one or more source ids, or --due")
        failed = False
        for pk in source_ids:
            source = HarvestSource.objects.filter(pk=pk).select_related("agency").first()
            if source is None:
                raise CommandError(f"no harvest source {pk}")
            run = harvest.run_now(source, trigger="command")
            self.stdout.write(
                f"{source.pk} {source.name}: {run.state} created={run.created} "
                f"updated={run.updated} unchanged={run.unchanged} withdrawn={run.withdrawn} "
                f"failed={run.failed}"
            )
            for item in run.report.get("items", []):
                if item["outcome"] in ("failed", "withdrawn") or item["reason"]:
                    self.stdout.write(f"  {item['outcome']}: {item['title']} {item['reason']}")
            if run.error:
                self.stdout.write(f"  error: {run.error}")
                failed = True
        if failed:
            raise CommandError("a harvest failed")
