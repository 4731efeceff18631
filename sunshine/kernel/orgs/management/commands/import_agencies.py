from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sunshine.kernel.orgs.services import CSV_COLUMNS, import_agencies_csv


class Command(BaseCommand):
    help = f"Import or update agencies from a UTF-8 CSV with columns: {', '.join(CSV_COLUMNS)}"

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    def handle(self, *args, csv_file, **options):
        report = import_agencies_csv(text=Path(csv_file).read_text(encoding="utf-8"))
        if report.errors:
            raise CommandError("\n".join(["导入失败，未保存任何数据：", *report.errors]))
        self.stdout.write(f"created {report.created}, updated {report.updated}")
