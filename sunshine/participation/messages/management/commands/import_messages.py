from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.participation.messages.importing import ImportFileError, import_files


class Command(BaseCommand):
    help = (
        "导入 taidi2020 格式的历史留言 CSV（留言编号、留言用户、留言主题、留言时间、留言详情，"
        "可选 点赞数/反对数、答复意见/答复时间、一级分类）。按留言编号幂等。"
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--no-predict", action="store_true", help="不预测缺少的一级分类（更快）"
        )
        parser.add_argument("--show-refused", type=int, default=20, help="列出前 N 条拒绝的行")

    def handle(self, *args, files, no_predict=False, show_refused=20, **options):
        def progress(path, done, total):
            self.stdout.write(f"  {path.name}: {done}/{total}", ending="\r")
            self.stdout.flush()

        try:
            results = import_files(files, predict=not no_predict, progress=progress)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for path, summary in results.items():
            self.stdout.write(
                _(
                    "%(name)s：共 %(rows)d 行，新导入 %(created)d，已存在 %(existing)d，"
                    "预测分类 %(predicted)d，拒绝 %(refused)d"
                )
                % {
                    "name": path.name,
                    "rows": summary.rows,
                    "created": summary.created,
                    "existing": summary.existing,
                    "predicted": summary.predicted,
                    "refused": len(summary.refused),
                }
            )
            for line, external_id, reason in summary.refused[:show_refused]:
                self.stdout.write(
                    _("  第 %(line)d 行（留言编号 %(id)s）：%(reason)s")
                    % {"line": line, "id": external_id or "-", "reason": reason}
                )
