"""Working-day arithmetic on the official calendar:

    manage.py workdays add 2026-09-30 5         -> the 5th working day after that date
    manage.py workdays between 2026-09-30 2026-10-14   -> working days after the first date
                                                          up to and including the second

A second line "provisional: ..." says when the answer reaches a year whose holiday notice is
not loaded, or the last days of December that the next year's notice can still set: the
statutory holidays are counted there, the notice's 调休 are not known yet."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.kernel.workcalendar.calendar import current_calendar


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("日期 “%(value)s” 无效，应为 YYYY-MM-DD。") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = _(
        "按官方工作日历计算工作日（add：起算日后第 N 个工作日；between：两个日期之间的工作日数）"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="op", required=True)
        add = sub.add_parser("add", help=_("起算日之后的第 N 个工作日（起算日不计）"))
        add.add_argument("start")
        add.add_argument("n", type=int)
        between = sub.add_parser("between", help=_("A 之后至 B（含）的工作日数"))
        between.add_argument("a")
        between.add_argument("b")

    def handle(self, *args, **options):
        cal = current_calendar()
        try:
            if options["op"] == "add":
                start = parse_date(options["start"])
                if options["n"] < 0:
                    raise CommandError(_("工作日数不能为负数。"))
                day, provisional = cal.add_workdays(start, options["n"])
                self.stdout.write(day.isoformat())
                span = (start, day)
            else:
                a, b = parse_date(options["a"]), parse_date(options["b"])
                count, provisional = cal.workdays_between(a, b)
                self.stdout.write(str(count))
                span = (a, b)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if provisional:
            years = "、".join(str(y) for y in cal.missing_years(*span))
            self.stdout.write(
                "provisional: "
                + _(
                    "%(years)s 年节假日安排通知尚未加载，已计入法定节假日，调休安排未知，结果为暂定"
                )
                % {"years": years}
            )
