"""Feed a bounce report (RFC 3464 DSN) to the notification kernel: a file, or standard input
(so the mail server can pipe bounces to it, e.g. a Postfix alias `|manage.py notify_bounce -`)."""

import sys

from django.core.management.base import BaseCommand

from sunshine.kernel.notify.bounces import record_dsn


class Command(BaseCommand):
    help = "Record a delivery status notification (RFC 3464); hard bounces disable an address."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the DSN message file, or - for standard input")

    def handle(self, *args, path: str, **options):
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                raw = handle.read()
        for bounce in record_dsn(raw):
            kind = "hard" if bounce.hard else "soft"
            self.stdout.write(f"{bounce.address} {bounce.status} {kind}")
