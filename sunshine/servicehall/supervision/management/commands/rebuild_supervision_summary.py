"""Recount the 电子监察 daily summary from the raw rows (idempotent):

manage.py rebuild_supervision_summary                      # the whole history
manage.py rebuild_supervision_summary --since 2026-01-01 --until 2026-03-31
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from sunshine.servicehall.supervision.summary import rebuild


class Command(BaseCommand):
    help = "Recount the 电子监察 daily summary (每日汇总) for a date range (default: everything)."

    def add_arguments(self, parser):
        parser.add_argument("--since", default="", help="first local day, YYYY-MM-DD")
        parser.add_argument("--until", default="", help="last local day (at most yesterday)")

    def handle(self, *args, since="", until="", **options):
        days = {}
        for name, value in (("since", since), ("until", until)):
            try:
                days[name] = parse_date(value) if value else None
            except ValueError:
                days[name] = None
            if value and days[name] is None:
                raise CommandError(f"--{name}: not a date (YYYY-MM-DD): {value}")
        if days["since"] and days["until"] and days["since"] > days["until"]:
            raise CommandError("--since is after --until")
        written = rebuild(**days)
        self.stdout.write(f"{written} summary rows written")
