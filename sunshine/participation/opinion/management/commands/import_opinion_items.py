from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sunshine.kernel.accounts.models import User
from sunshine.participation.opinion import services
from sunshine.participation.opinion.importing import read_items
from sunshine.participation.opinion.models import OpinionEvent


class Command(BaseCommand):
    help = (
        "导入舆情采集信息（CSV：text,source,url,captured_at[,author]），计算情感倾向。"
        "同一文件重复导入不会重复添加。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--event", type=int, required=True, help="舆情事件编号")
        parser.add_argument(
            "--as",
            dest="actor",
            default="",
            help="以该工作人员（电子邮箱）名义导入；缺省为系统（记入审计日志）",
        )

    def handle(self, *args, file: Path, event: int, actor: str, **options):
        target = OpinionEvent.objects.filter(pk=event).first()
        if target is None:
            raise CommandError(f"没有编号为 {event} 的舆情事件。")
        if not file.is_file():
            raise CommandError(f"找不到文件：{file}")
        user = None
        if actor:
            user = User.objects.filter(email__iexact=actor, is_active=True).first()
            if user is None:
                raise CommandError(f"没有该工作人员：{actor}")
        try:
            rows = read_items(file)
            if user is None:
                result = services.capture_items_as_system(event=target, items=rows)
            else:
                result = services.capture_items(event=target, actor=user, items=rows)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        target.refresh_from_db()
        self.stdout.write(
            f"新增 {result['created']} 条，跳过重复 {result['skipped']} 条；"
            f"负面 {target.negative_count}、中性 {target.neutral_count}、"
            f"正面 {target.positive_count}（共 {target.item_count} 条）"
        )
