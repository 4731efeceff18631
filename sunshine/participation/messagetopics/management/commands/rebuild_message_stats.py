"""Recount the summary of the message statistics from the messages (idempotent):

manage.py rebuild_message_stats                          # the whole history
manage.py rebuild_message_stats --since 2019-01-01 --until 2019-12-31   (whole months)

(After a change of the work calendar, say: the reply times in working days are counted when a
message is counted.)
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from sunshine.participation.messagetopics.summary import rebuild


class Command(BaseCommand):
    help = "Recount the monthly summary of the message statistics (default: everything)."

    def add_arguments(self, parser):
        parser.add_argument("--since", default="", help="a day of the first month, YYYY-MM-DD")
        parser.add_argument("--until", default="", help="a day of the last month")

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
