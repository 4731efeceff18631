"""`manage.py restore DIR`: verify the backup in DIR, then restore the database and files."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.kernel.backup.errors import BackupError
from sunshine.kernel.backup.services import restore_backup, verify_backup


class Command(BaseCommand):
    help = _(
        "从备份目录恢复数据库和上传文件。先校验清单中的每个哈希，恢复后逐表核对；"
        "目标不为空时需加 --force。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("由 manage.py backup 生成的备份目录"))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("覆盖已有数据的数据库和文件目录（原有内容将被替换）。"),
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=_("只校验备份是否完整，不恢复。"),
        )

    def handle(self, *args, directory, force=False, check=False, **options):
        try:
            if check:
                manifest = verify_backup(directory)
                self.stdout.write(
                    _("备份完整：%(path)s（%(vendor)s，%(tables)d 张表，%(files)d 个文件）")
                    % {
                        "path": directory,
                        "vendor": manifest["vendor"],
                        "tables": len(manifest["database"]["tables"]),
                        "files": sum(len(v) for v in manifest["files"].values()),
                    }
                )
                return
            summary = restore_backup(directory, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _(
                "恢复完成并已逐表核对：%(path)s（%(vendor)s，%(tables)d 张表 %(rows)d 行，"
                "%(files)d 个文件，用时 %(seconds)s 秒）"
            )
            % vars(summary)
        )
