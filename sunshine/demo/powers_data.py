"""Demo 权力清单 of 广东省交通运输厅, imported from an XLSX file the way an agency does it
(the import is all-or-nothing and idempotent: a second run finds every row unchanged), and one
item revised with a later effective date. Two 行政许可 link to the demo service items."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from sunshine.governance.powers import services
from sunshine.governance.powers.models import PowerItem
from sunshine.governance.powers.xlsx import HEADER, import_powers
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

AGENCY = "广东省交通运输厅"
EDITOR = "admin@demo.gd.gov.cn"
SUBJECT = "广东省交通运输厅"
RESP_LICENSE = (
    "1.受理阶段责任：公示应当提交的材料，一次性告知补正材料，依法受理或不予受理。\n"
    "2.审查阶段责任：对申请材料进行审查，提出审查意见。\n"
    "3.决定阶段责任：作出许可或不予许可决定，不予许可的说明理由。\n"
    "4.送达阶段责任：制发许可证件，依法送达并公开。\n"
    "5.事后监管责任：加强监督检查。"
)
ACC_LICENSE = (
    "《中华人民共和国行政许可法》第七十一条至第七十七条；《广东省行政执法责任制条例》第二十三条"
)
RESP_PENALTY = (
    "1.立案责任；2.调查责任；3.审查责任；4.告知责任（告知拟处罚事实、理由、依据和陈述申辩、"
    "听证权利）；5.决定责任；6.送达责任；7.执行责任。"
)
ACC_PENALTY = "《中华人民共和国行政处罚法》第七十六条至第八十三条"
RESP_CHECK = "1.检查责任：按照随机抽查事项清单和抽查计划开展检查，出示执法证件；2.处置责任：发现违法行为依法处理；3.公示责任：检查结果按规定向社会公示。"
ACC_CHECK = "《中华人民共和国行政处罚法》第七十六条；《广东省行政执法监督条例》第三十八条"

# code, name, kind, basis, process, responsibility, accountability, service code, effective
ROWS = [
    (
        "440000-JT-XK-001",
        "道路旅客运输经营许可",
        "行政许可",
        "《中华人民共和国道路运输条例》第八条、第十条",
        "申请→受理→审查→决定→送达",
        RESP_LICENSE,
        ACC_LICENSE,
        "GD-JT-001",
        "2019-06-01",
    ),
    (
        "440000-JT-XK-002",
        "道路货物运输经营许可",
        "行政许可",
        "《中华人民共和国道路运输条例》第二十一条、第二十四条",
        "申请→受理→审查→决定→送达",
        RESP_LICENSE,
        ACC_LICENSE,
        "GD-JT-002",
        "2019-06-01",
    ),
    (
        "440000-JT-XK-003",
        "公路超限运输许可",
        "行政许可",
        "《公路安全保护条例》第三十五条；《超限运输车辆行驶公路管理规定》第七条",
        "申请→受理→审查（必要时勘测）→决定→送达",
        RESP_LICENSE,
        ACC_LICENSE,
        "GD-JT-005",
        "2019-06-01",
    ),
    (
        "440000-JT-CF-001",
        "对未取得道路运输经营许可擅自从事道路运输经营的处罚",
        "行政处罚",
        "《中华人民共和国道路运输条例》第六十三条",
        "立案→调查→审查→告知→决定→送达→执行",
        RESP_PENALTY,
        ACC_PENALTY,
        "",
        "2019-06-01",
    ),
    (
        "440000-JT-CF-002",
        "对车辆超限行驶公路的处罚",
        "行政处罚",
        "《公路安全保护条例》第六十四条",
        "立案→调查→审查→告知→决定→送达→执行",
        RESP_PENALTY,
        ACC_PENALTY,
        "",
        "2019-06-01",
    ),
    (
        "440000-JT-QZ-001",
        "暂扣违法车辆",
        "行政强制",
        "《中华人民共和国道路运输条例》第六十八条",
        "审批→告知→实施→制作现场笔录→解除",
        "1.审批责任；2.告知责任；3.实施责任；4.解除责任。",
        "《中华人民共和国行政强制法》第六十一条至第六十八条",
        "",
        "2019-06-01",
    ),
    (
        "440000-JT-JC-001",
        "对道路运输经营者的监督检查",
        "行政检查",
        "《中华人民共和国道路运输条例》第五十九条",
        "制定计划→随机抽取→实施检查→处置→公示",
        RESP_CHECK,
        ACC_CHECK,
        "",
        "2019-06-01",
    ),
    (
        "440000-JT-JC-002",
        "对公路建设市场的监督检查",
        "行政检查",
        "《中华人民共和国公路法》第二十条；《公路建设市场管理办法》第七条",
        "制定计划→随机抽取→实施检查→处置→公示",
        RESP_CHECK,
        ACC_CHECK,
        "",
        "2019-06-01",
    ),
    (
        "440000-JT-JC-003",
        "对机动车驾驶员培训机构的监督检查",
        "行政检查",
        "《机动车驾驶员培训管理规定》第四十二条",
        "制定计划→随机抽取→实施检查→处置→公示",
        RESP_CHECK,
        ACC_CHECK,
        "",
        "2020-01-01",
    ),
    (
        "440000-JT-QR-001",
        "道路运输车辆技术等级评定",
        "行政确认",
        "《道路运输车辆技术管理规定》第十五条",
        "申请→检测→评定→公布",
        RESP_LICENSE,
        ACC_LICENSE,
        "",
        "2019-06-01",
    ),
    (
        "440000-JT-JL-001",
        "对道路运输安全生产先进单位的表彰",
        "行政奖励",
        "《中华人民共和国安全生产法》第十九条",
        "推荐→审核→公示→决定",
        "1.审核责任；2.公示责任；3.决定责任。",
        "《广东省行政执法责任制条例》第二十三条",
        "",
        "2019-06-01",
    ),
    (
        "440000-JT-QT-001",
        "道路运输驾驶员诚信考核",
        "其他",
        "《道路运输驾驶员诚信考核办法》第四条",
        "考核→公示→记录",
        "1.考核责任；2.公示责任。",
        "《广东省行政执法责任制条例》第二十三条",
        "",
        "2019-06-01",
    ),
]


def workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "权力清单"
    sheet.append([f"{AGENCY}权力清单和责任清单（2026年版）"])
    sheet.append(HEADER)
    for code, name, kind, basis, process, resp, acc, service, effective in ROWS:
        sheet.append([code, name, kind, basis, SUBJECT, process, resp, acc, service, effective, ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def load(*, stdout=None) -> None:
    agency = Agency.objects.get(name=AGENCY)
    editor = User.objects.get(email=EDITOR)
    created = 0
    # The list is imported once; later runs leave it (and its revisions) as it is.
    if not PowerItem.objects.filter(agency=agency).exists():
        upload = SimpleUploadedFile(
            "广东省交通运输厅权力清单.xlsx",
            workbook_bytes(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        created = len(import_powers(agency=agency, actor=editor, uploaded_file=upload).created)
    # One revision with its own effective date (the 2026 adjustment of the inspection basis).
    item = PowerItem.objects.get(agency=agency, code="440000-JT-JC-002")
    if item.versions.count() == 1:
        services.revise_item(
            actor=editor,
            item=item,
            effective_from=dt.date(2026, 3, 1),
            basis="《中华人民共和国公路法》第二十条；《公路建设市场管理办法》第七条、第八条；"
            "《广东省公路条例》第三十九条",
            note="依据《广东省公路条例》（2025年修订）调整设定依据",
        )
    if stdout is not None:
        stdout.write(f"权力清单：{AGENCY} 导入 {created} 项")
