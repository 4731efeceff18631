"""Demo 双随机、一公开 of 广东省交通运输厅: its two libraries imported from XLSX (30 road
transport operators in Guangzhou, 8 law-enforcement officers of three units, one declared
conflict), a plan on its 行政检查 item 对道路运输经营者的监督检查 drawn with results published,
and a second plan drawn whose results are being entered (its 20-working-day clock running).
Needs the demo power list (powers_data). Idempotent: plans are found by title."""

from sunshine.governance.powers.models import PowerItem
from sunshine.governance.spotchecks import libraries, services
from sunshine.governance.spotchecks.models import CheckTarget, SpotCheckPlan
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.testing.factories.spotchecks import sheet
from sunshine.testing.identity import make_credit_code

AGENCY = "广东省交通运输厅"
EDITOR = "admin@demo.gd.gov.cn"
CHECK_ITEM = "440000-JT-JC-001"
UNITS = ["道路运输管理处", "综合行政执法局第一支队", "综合行政执法局第二支队"]
COMPANIES = [
    "广州市穗通客运有限公司", "广州市羊城货运有限公司", "广州白云长途汽车运输有限公司",
    "广州市珠江物流运输有限公司", "广州市番禺区顺达货运有限公司", "广州市花都区华运客运有限公司",
    "广州市天河城际客运有限公司", "广州南沙港通物流有限公司", "广州市越秀旅游客运有限公司",
    "广州市黄埔冷链运输有限公司", "广州从化山城客运有限公司", "广州市增城区荔城货运有限公司",
    "广州市海珠区海运物流有限公司", "广州市荔湾区西关运输有限公司", "广州市岭南危险货物运输有限公司",
    "广州市粤北快运有限公司", "广州市新塘集装箱运输有限公司", "广州市云山旅游汽车有限公司",
    "广州市东山城际快客有限公司", "广州市芳村货物运输有限公司", "广州市石井搬家运输有限公司",
    "广州市萝岗物流有限公司", "广州市大岗汽车运输有限公司", "广州市钟落潭货运有限公司",
    "广州市太和客运有限公司", "广州市鱼珠运输有限公司", "广州市江高货运有限公司",
    "广州市人和物流有限公司", "广州市九佛客运有限公司", "广州市良口运输有限公司",
]  # fmt: skip
DISTRICTS = ["天河区", "白云区", "番禺区", "花都区", "黄埔区", "海珠区"]
OFFICERS = [
    ("44000012001", "黄志明"), ("44000012002", "梁晓燕"), ("44000012003", "何建国"),
    ("44000012004", "罗丽华"), ("44000012005", "郑伟强"), ("44000012006", "谢敏"),
    ("44000012007", "冯国栋"), ("44000012008", "邓慧玲"),
]  # fmt: skip
DONE = "2026年道路运输经营者双随机抽查（第一批）"
OPEN = "2026年道路运输经营者双随机抽查（第二批）"


def _code(n: int) -> str:
    return make_credit_code(n + 7000, kind="91", region="440100")


def _libraries(agency, editor) -> None:
    if CheckTarget.objects.filter(agency=agency).exists():
        return
    targets = [
        [_code(i), name, "道路运输经营", f"广州市{DISTRICTS[i % 6]}某路{i + 1}号", UNITS[i % 3]]
        for i, name in enumerate(COMPANIES)
    ]
    libraries.import_targets(
        agency=agency,
        actor=editor,
        uploaded_file=sheet(
            [c.label for c in libraries.TARGET_COLUMNS], targets, "检查对象名录库.xlsx"
        ),
    )
    # 黄志明 declared a conflict with 广州市穗通客运有限公司 (a relative works there).
    inspectors = [
        [badge, name, UNITS[i % 3], _code(0) if i == 0 else ""]
        for i, (badge, name) in enumerate(OFFICERS)
    ]
    libraries.import_inspectors(
        agency=agency,
        actor=editor,
        uploaded_file=sheet(
            [c.label for c in libraries.INSPECTOR_COLUMNS][:4],
            inspectors,
            "执法检查人员名录库.xlsx",
        ),
    )


def _plan(agency, editor, title, number, ratio):
    plan = SpotCheckPlan.objects.filter(agency=agency, title=title).first()
    if plan is None:
        item = PowerItem.objects.get(agency=agency, code=CHECK_ITEM)
        plan = services.create_plan(
            actor=editor,
            agency=agency,
            title=title,
            check_item_id=item.pk,
            ratio=ratio,
            inspectors_per_target=2,
            announced_number=number,
        )
    if plan.state == "draft":
        plan = services.draw_plan(actor=editor, plan=plan)
    return plan


def load(*, stdout=None) -> None:
    agency = Agency.objects.get(name=AGENCY)
    editor = User.objects.get(email=EDITOR)
    _libraries(agency, editor)
    done = _plan(agency, editor, DONE, "20260315", "10")
    if done.state == "drawn":
        outcomes = ["no_problem", "corrected", "no_problem"]
        for row, outcome in zip(done.assignments, outcomes, strict=False):
            services.enter_result(
                actor=editor,
                plan=done,
                target_id=row["target"],
                outcome=outcome,
                note="车辆技术档案不全，已责令7日内整改。" if outcome == "corrected" else "",
            )
        services.publish_results(actor=editor, plan=done)
    _plan(agency, editor, OPEN, "20261120", "10")
    if stdout is not None:
        stdout.write(
            f"双随机抽查：{AGENCY} {SpotCheckPlan.objects.filter(agency=agency).count()} 个计划"
        )
