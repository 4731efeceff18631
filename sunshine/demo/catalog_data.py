"""Demo catalog: 广东省交通运输厅's 主动公开基本目录, in the spirit of the State Council's
交通运输领域基层政务公开标准指引 (rows as an agency would type them), loaded through the XLSX
import (so it is idempotent) and linked to the agency's public records by title keywords.
Run by `load_demo` after the records' demo data."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import Workbook

from sunshine.disclosure.catalog import services
from sunshine.disclosure.catalog.imports import import_catalog
from sunshine.disclosure.catalog.stale import refresh_items
from sunshine.disclosure.catalog.xlsx import HEADER
from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

AGENCY = "广东省交通运输厅"
OFFICER = "officer@demo.gd.gov.cn"
WEB = "政府网站"

ROWS = [
    ["1", "行政许可", "公路建设项目施工许可",
     "办理依据、受理机构、申请条件、申请材料、办理流程、办理时限、收费标准、咨询电话、许可结果",
     "《中华人民共和国行政许可法》《中华人民共和国政府信息公开条例》《公路建设市场管理办法》",
     "自该信息形成或者变更之日起20个工作日内", AGENCY, "政府网站、政务服务中心、两微一端",
     "全社会", "主动", "市级、县级"],
    ["2", "行政许可", "公路超限运输许可",
     "办理依据、申请条件、申请材料、办理流程、办理时限、许可结果",
     "《公路法》《公路安全保护条例》《超限运输车辆行驶公路管理规定》",
     "自该信息形成或者变更之日起20个工作日内", AGENCY, "政府网站、政务服务中心",
     "全社会", "主动", "市级、县级"],
    ["3", "行政处罚", "公路路政处罚",
     "处罚依据、处罚程序、处罚决定书（当事人、违法事实、处罚依据、处罚结果）",
     "《中华人民共和国行政处罚法》《公路法》《国务院办公厅关于全面推行行政执法公示制度执法全过程"
     "记录制度重大执法决定法制审核制度的指导意见》",
     "作出行政处罚决定之日起7个工作日内", AGENCY, "政府网站", "全社会", "主动", "市级、县级"],
    ["4", "公共服务", "公路养护计划", "年度公路养护工程计划、资金安排",
     "《公路法》《公路养护工程管理办法》", "每年3月底前", AGENCY, "政府网站、政府公报",
     "全社会", "主动", "市级"],
    ["5", "公共服务", "交通运输统计信息", "交通运输主要指标、客货运输量",
     "《中华人民共和国统计法》《交通运输统计管理规定》", "每月结束后15日内", AGENCY,
     "政府网站、两微一端", "全社会", "主动", "市级"],
    ["6", "公共服务", "道路运输从业资格考试", "考试时间、地点、报名条件、考试结果",
     "《道路运输从业人员管理规定》", "考试结束后10个工作日内", AGENCY,
     "政府网站、精准推送", "特定群体", "主动", "市级、县级"],
    ["7", "重大建设项目", "项目批准服务信息", "审批结果、核准结果、备案信息",
     "《政府信息公开条例》《国务院办公厅关于推进重大建设项目批准和实施领域政府信息公开的意见》",
     "信息形成或变更之日起20个工作日内", AGENCY, "政府网站、政府公报", "全社会", "主动",
     "市级、县级、乡级"],
    ["8", "重大建设项目", "招标投标信息", "资格预审公告、招标公告、中标候选人公示、中标结果公示",
     "《招标投标法》《招标投标法实施条例》", "实时", AGENCY, "政府网站、两微一端",
     "全社会", "主动", "市级、县级"],
    ["9", "财政预决算", "部门预算", "部门预算及“三公”经费预算情况说明",
     "《中华人民共和国预算法》第十四条", "财政部门批复后20日内", AGENCY, "政府网站",
     "全社会", "主动", "市级"],
    ["10", "财政预决算", "部门决算", "部门决算及“三公”经费决算情况说明",
     "《中华人民共和国预算法》第十四条", "财政部门批复后20日内", AGENCY, "政府网站",
     "全社会", "主动", "市级"],
    ["11", "政策文件", "规范性文件", "本部门制定的规范性文件、政策解读",
     "《政府信息公开条例》第二十条", "信息形成或变更之日起20个工作日内", AGENCY,
     "政府网站、政府公报、公开查阅点", "全社会", "主动", "市级"],
    ["12", "政务公开工作", "政府信息公开工作年度报告", "年度报告全文",
     "《政府信息公开条例》第四十九条", "每年1月31日前", AGENCY, "政府网站",
     "全社会", "主动", "市级"],
    ["13", "应急管理", "突发事件应对", "预警信息、应对措施、交通管制和恢复通行信息",
     "《突发事件应对法》《公路交通突发事件应急预案》", "实时", AGENCY,
     "政府网站、两微一端、广播电视、精准推送", "全社会", "主动", "市级、县级、乡级"],
]  # fmt: skip

# item 序号 -> words that a linked record's title contains
KEYWORDS = {
    "1": ["施工许可"],
    "3": ["行政处罚", "处罚决定"],
    "4": ["养护"],
    "7": ["建设项目", "批复", "核准"],
    "9": ["部门预算"],
    "10": ["部门决算"],
    "11": ["通知", "办法", "规定", "意见"],
    "12": ["年度报告"],
}


def demo_file():
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("广东省交通运输厅主动公开基本目录.xlsx", out.getvalue())


def load(*, stdout=None) -> None:
    agency = Agency.objects.filter(name=AGENCY).first()
    officer = User.objects.filter(email=OFFICER).first()
    if agency is None or officer is None:
        return
    with transaction.atomic():
        result = import_catalog(agency=agency, actor=officer, uploaded_file=demo_file())
        items = {i.number: i for i in result.catalog.items.all()}
        linked = 0
        records = list(public_records(agency=agency)[:500])
        for number, words in KEYWORDS.items():
            item = items.get(number)
            if item is None:
                continue
            have = set(item.links.values_list("record_id", flat=True))
            for record in records:
                if record.pk not in have and any(w in record.title for w in words):
                    services.link_record(item=item, record=record, actor=officer)
                    linked += 1
        refresh_items(list(items.values()))
    if stdout is not None:
        stdout.write(
            f"catalog demo: {len(result.created)} added, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged, {linked} records linked"
        )
