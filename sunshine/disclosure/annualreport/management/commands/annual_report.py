"""python manage.py annual_report <agency> <year> [--json] [--rollup]

The whole 政府信息公开工作年度报告 of an agency (by id, 统一社会信用代码 or name) for a year: the
sections and tables 二, 三, 四 computed from the records (the agency's saved draft texts and
figures when it has one). Exits non-zero naming every invariant that fails."""

import json as jsonlib

from django.core.management.base import BaseCommand, CommandError

from sunshine.disclosure.annualreport import report as report_data
from sunshine.disclosure.annualreport.models import AnnualReport
from sunshine.disclosure.annualreport.services import compute
from sunshine.disclosure.annualreport.text import plain_text
from sunshine.disclosure.foi.selectors import find_agency


class Command(BaseCommand):
    help = "政府信息公开工作年度报告（按机关和年度生成，校验勾稽关系）。"

    def add_arguments(self, parser):
        parser.add_argument("agency", help="机关 id、统一社会信用代码或名称")
        parser.add_argument("year", type=int)
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument(
            "--rollup", action="store_true", help="汇总所属部门数据（默认按已保存的报告设置）"
        )

    def handle(self, *args, agency, year, json: bool = False, rollup: bool = False, **options):
        found = find_agency(agency)
        if found is None:
            raise CommandError(f"没有该机关：{agency}")
        if not 2008 <= year <= 2100:
            raise CommandError(f"年份超出范围：{year}")
        saved = AnnualReport.objects.filter(agency=found, year=year).first()
        if saved is not None and not rollup:
            data = compute(saved)
        else:
            data = report_data.build(found, year, within=rollup or False)
        if json:
            self.stdout.write(jsonlib.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            self.stdout.write(data["title"])
            self.stdout.write(plain_text(data))
        if data["failures"]:
            names = "；".join(f"{f['code']}：{f['message']}" for f in data["failures"])
            raise CommandError(f"勾稽关系校验未通过：{names}")
