"""双随机、一公开 test data: a 行政检查 item with its two libraries imported from XLSX (the `check`
fixture, sunshine/testing/fixtures.py), and a plan."""

from sunshine.governance.spotchecks import libraries, services
from sunshine.testing.identity import make_credit_code

from .kernel import xlsx_upload
from .powers import make_item

UNITS = ["食品生产监管处", "食品经营监管处", "特种设备安全监察处"]


def code(n: int) -> str:
    return make_credit_code(n, kind="91", region="440100")


def sheet(header, rows, name="library.xlsx"):
    """A library file (名录库) to import: `header` then `rows`."""
    return xlsx_upload([header, *rows], name)


def target_rows(n=12):
    return [
        [
            code(i),
            f"广州市某某食品有限公司{i}",
            "食品经营",
            f"广州市天河区体育西路{i}号",
            UNITS[i % 3],
        ]
        for i in range(1, n + 1)
    ]


def inspector_rows(conflicts=None):
    conflicts = conflicts or {}
    names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆"]
    return [
        [f"44010{i:04d}", name, UNITS[i % 3], "、".join(conflicts.get(i, []))]
        for i, name in enumerate(names, start=1)
    ]


TARGET_HEADER = ["统一社会信用代码", "名称", "类别", "地址", "所属监管单位"]
INSPECTOR_HEADER = ["执法证号", "姓名", "所在单位", "申报回避对象"]


def with_check_item(gov: dict) -> dict:
    """`gov` + a 行政检查 item of the market regulator and its two libraries imported."""
    item = make_item(
        gov["editor"],
        gov["market"],
        code="JC-001",
        kind="inspection",
        name="食品经营者监督检查",
    )
    libraries.import_targets(
        agency=gov["market"],
        actor=gov["editor"],
        uploaded_file=sheet(TARGET_HEADER, target_rows()),
    )
    libraries.import_inspectors(
        agency=gov["market"],
        actor=gov["editor"],
        uploaded_file=sheet(INSPECTOR_HEADER, inspector_rows({1: [code(2), code(5)]})),
    )
    return gov | {"item": item}


def make_plan(check, **kw):
    values = {
        "actor": check["editor"],
        "agency": check["market"],
        "title": "2026年第三季度食品经营者双随机抽查",
        "check_item_id": check["item"].pk,
        "ratio": "25",
        "inspectors_per_target": 2,
        "announced_number": "20260924",
    } | kw
    return services.create_plan(**values)
