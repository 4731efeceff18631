"""python manage.py foi_annual_tables <agency> <year> [--json]

Tables three and four of the annual report for an agency (by id, 统一社会信用代码 or name) and
a year, computed from the records; exits non-zero naming the column when 一 + 二 ≠ 三 + 四."""

import json as jsonlib

from django.core.management.base import BaseCommand, CommandError

from sunshine.disclosure.foi.annual import InvariantError, annual_tables, flat_rows
from sunshine.disclosure.foi.selectors import find_agency


class Command(BaseCommand):
    help = "依申请公开年度报告第三、四张表（按机关和年度统计）。"

    def add_arguments(self, parser):
        parser.add_argument("agency", help="机关 id、统一社会信用代码或名称")
        parser.add_argument("year", type=int)
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, agency, year, json: bool = False, **options):
        found = find_agency(agency)
        if found is None:
            raise CommandError(f"没有该机关：{agency}")
        if not 2007 <= year <= 2100:
            raise CommandError(f"年份超出范围：{year}")
        try:
            tables = annual_tables(found, year)
        except InvariantError as exc:
            raise CommandError(f"{exc}（列：{exc.column}）") from exc
        if json:
            self.stdout.write(_dumps(tables))
            return
        for cells in flat_rows(tables):
            self.stdout.write("\t".join(str(c) for c in cells))


def _dumps(data) -> str:
    return jsonlib.dumps(data, ensure_ascii=False, indent=2)
