from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sunshine.participation.meetings import services
from sunshine.participation.meetings.models import DrawResult, Meeting


class Command(BaseCommand):
    help = "会议列席抽签：执行抽签（以系统身份，留痕），或用 --verify 复核已公布的结果。"

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--verify", action="store_true", help="重新计算并与已存结果比对")

    def handle(self, *args, meeting_id, verify, **options):
        try:
            meeting = Meeting.objects.get(pk=meeting_id)
        except Meeting.DoesNotExist as exc:
            raise CommandError(f"会议 {meeting_id} 不存在。") from exc
        if verify:
            try:
                report = services.verify_draw(meeting)
            except DrawResult.DoesNotExist as exc:
                raise CommandError(f"会议 {meeting_id} 尚未抽签。") from exc
            self.stdout.write(f"seed: {report['seed_hex']}")
            self.stdout.write(f"stored seed: {report['stored_seed_hex']}")
            self.stdout.write(f"inputs digest: {report['inputs_digest']}")
            for category, ids in report["selected"].items():
                self.stdout.write(f"{category}: {ids}")
            if not report["ok"]:
                self.stdout.write(f"stored selected: {report['stored_selected']}")
                self.stdout.write("MISMATCH")
                raise CommandError("MISMATCH")
            self.stdout.write("OK")
            return
        try:
            result = services.close_and_draw(meeting=meeting, actor=None)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"seed: {result.seed_hex}")
        self.stdout.write(f"inputs digest: {result.inputs_digest}")
        for category, ids in result.selected.items():
            self.stdout.write(f"{category}: {ids}")
