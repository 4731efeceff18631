"""权力清单 test data: power items made through the services, XLSX files made with openpyxl
(the agencies and staff are the `gov` fixture, sunshine/testing/fixtures.py)."""

import datetime as dt

from sunshine.governance.powers import services

from .kernel import xlsx_upload

BASIS = "《中华人民共和国食品安全法》第三十五条"
MARKET = "广东省市场监督管理局"
ROWS_DEMO = [
    ["QL-001", "食品经营许可", "行政许可", BASIS, MARKET, "申请→受理→审查→决定",
     "受理责任……", "《行政许可法》第七十二条", "11440000006939911Q4442011001", "2019-06-01", ""],
    ["JC-001", "食品生产经营监督检查", "行政检查", "《食品安全法》第一百一十条", MARKET, "",
     "检查责任……", "", "", "2019-06-01", ""],
    ["CF-001", "对无证经营食品的处罚", "行政处罚", "《食品安全法》第一百二十二条", MARKET, "",
     "", "", "", "2020/1/1", ""],
]  # fmt: skip


def make_item(actor, agency, *, code="QL-001", kind="licensing", effective_from=None, **extra):
    values = {
        "name": "食品经营许可",
        "basis": BASIS,
        "subject": agency.name,
        "process": "申请→受理→审查→决定→送达",
        "responsibility": "1.受理责任：公示依法应当提交的材料……",
        "accountability": "《中华人民共和国行政许可法》第七十二条至第七十七条",
    } | extra
    return services.create_item(
        actor=actor,
        agency=agency,
        code=code,
        kind=kind,
        effective_from=effective_from or dt.date(2026, 1, 1),
        **values,
    )


def xlsx_file(rows, name="powers.xlsx", header=None):
    from sunshine.governance.powers.xlsx import HEADER

    return xlsx_upload([["广东省市场监督管理局权力清单"], header or HEADER, *rows], name)
