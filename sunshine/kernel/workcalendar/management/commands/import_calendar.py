"""Import (or replace) one year's holiday notice from a JSON file in the holiday-cn format
(see workcalendar/data/README.md); every open deadline is then recomputed. Audited as the
system.

    manage.py import_calendar 2027.json
    manage.py import_calendar --bundled     # load the shipped years not loaded yet"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.kernel.workcalendar.services import import_calendar, load_bundled_calendar


class Command(BaseCommand):
    help = _("导入某一年度的节假日安排（JSON 文件，格式同随系统发布的文件）")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help=_("JSON 文件路径"))
        parser.add_argument(
            "--bundled", action="store_true", help=_("加载随系统发布且尚未加载的年度")
        )

    def handle(self, *args, **options):
        if options["bundled"]:
            years = load_bundled_calendar(actor=None)
            self.stdout.write(
                _("已加载：%(years)s") % {"years": ", ".join(map(str, years)) or _("无")}
            )
            return
        if not options["file"]:
            raise CommandError(_("请指定 JSON 文件，或使用 --bundled。"))
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("无法读取文件 %(path)s：%(error)s") % {"path": path, "error": exc}
            ) from exc
        try:
            year = import_calendar(actor=None, raw=raw)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            _("已导入 %(year)s 年节假日安排：%(n)s 天。")
            % {"year": year.year, "n": year.days.count()}
        )
