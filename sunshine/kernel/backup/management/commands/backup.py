"""`manage.py backup DIR`: the database, the uploaded files and a manifest into a new DIR."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.kernel.backup.errors import BackupError
from sunshine.kernel.backup.services import create_backup


class Command(BaseCommand):
    help = _(
        "备份数据库（SQLite 在线备份 / PostgreSQL pg_dump）、上传文件和校验清单到一个新目录。"
        "应用运行时也可执行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("新的备份目录（不存在或为空）"))

    def handle(self, *args, directory, **options):
        try:
            summary = create_backup(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _(
                "备份完成：%(path)s（%(vendor)s，%(tables)d 张表 %(rows)d 行，%(files)d 个文件，"
                "共 %(bytes)d 字节，用时 %(seconds)s 秒）"
            )
            % vars(summary)
        )
