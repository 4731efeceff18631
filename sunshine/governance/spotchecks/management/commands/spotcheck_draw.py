from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sunshine.governance.spotchecks import services
from sunshine.governance.spotchecks.models import SpotCheckPlan


class Command(BaseCommand):
    help = "双随机抽查：执行抽取（以系统身份，留痕），或用 --verify 复核已公布的抽取结果。"

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--verify", action="store_true", help="重新计算并与已存结果比对")

    def handle(self, *args, plan_id, verify, **options):
        try:
            plan = SpotCheckPlan.objects.get(pk=plan_id)
        except SpotCheckPlan.DoesNotExist as exc:
            raise CommandError(f"抽查计划 {plan_id} 不存在。") from exc
        if verify:
            try:
                report = services.verify_draw(plan)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(f"seed: {report['seed_hex']}")
            self.stdout.write(f"stored seed: {plan.seed_hex}")
            self.stdout.write(f"inputs digest: {report['inputs_digest']}")
            for row in report["assignments"]:
                self.stdout.write(f"target {row['target']}: inspectors {row['inspectors']}")
            if not report["ok"]:
                self.stdout.write(f"stored: {report['stored_assignments']}")
                self.stdout.write(f"differs: {', '.join(report['problems'])}")
                self.stdout.write("MISMATCH")
                raise CommandError("MISMATCH")
            self.stdout.write("OK")
            return
        try:
            plan = services.draw_plan(actor=None, plan=plan)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"seed: {plan.seed_hex}")
        self.stdout.write(f"inputs digest: {plan.inputs_digest}")
        for row in plan.assignments:
            self.stdout.write(f"target {row['target']}: inspectors {row['inspectors']}")
