"""Demo 重要职权事项 of 广东省交通运输厅: the road project 广州至湛江高速公路改扩建工程（广州段）
with three stages, four milestones (one reached late) and three payments; its cross-check by
the general office was returned with reasons (no 可行性研究报告批复 attached), then signed off in
a second round; an expert group (one library expert declared a conflict with the department
and is not in it) gave its opinion on the first stage and was asked about the second (clock
running); a citizen's question was answered and published, another is open. Also a public
大额资金使用 with its approval chain, and a 重大审批许可 on the power list's 公路超限运输许可
(needs powers_data). Idempotent: items are found by title.

New demo account: checker@demo.gd.gov.cn (何审核, 审核 of 广东省人民政府办公厅), the checking unit's
reviewer."""

import datetime as dt

from sunshine.governance.keyitems import crosscheck, experts, questions, services
from sunshine.governance.keyitems.models import Expert, KeyItem
from sunshine.governance.powers.models import PowerItem
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

from .kernel_data import ensure_staff

AGENCY = "广东省交通运输厅"
OFFICE = "广东省人民政府办公厅"
EDITOR = "admin@demo.gd.gov.cn"
SUPERVISOR = "supervisor@demo.gd.gov.cn"
CITIZEN = "citizen@demo.example.com"
CHECKER = ("checker@demo.gd.gov.cn", "何审核")
ROAD = "广州至湛江高速公路改扩建工程（广州段）"
SPENDING = "2026年普通国省道路面养护专项资金拨付"
APPROVAL = "珠江口跨江通道大件运输超限许可"
EXPERTS = [
    ("黄振华", "道路与桥梁工程", "教授", "华南理工大学", False),
    ("梁淑仪", "工程造价", "高级工程师", "广东省工程造价协会", False),
    ("陈国栋", "交通运输规划", "研究员", "广东省交通规划设计研究院", True),  # declared conflict
]


def _road(agency, editor, supervisor, checker, office):
    item = KeyItem.objects.filter(agency=agency, title=ROAD).first()
    if item is not None:
        return item
    item = services.register_item(
        actor=editor, agency=agency, kind="project", title=ROAD,
        summary="在现状双向四车道基础上改扩建为双向八车道，全长约38.6公里，设互通立交6处。",
        responsible="综合规划处、建设管理处", basis="《广东省高速公路网规划（2020—2035年）》",
        budget="6350000000", planned_start=dt.date(2026, 3, 1), planned_end=dt.date(2029, 6, 30),
        is_public=True,
    )  # fmt: skip
    crosscheck.assign_crosscheck(actor=supervisor, item=item, agency=office,
                                 reason="重大项目开工前交叉审核")  # fmt: skip
    services.submit_item(actor=editor, item=item)
    first = item.crosschecks.get()
    crosscheck.return_check(
        actor=checker, check=first, findings="项目概算与初步设计批复口径不一致。",
        reasons="未附省发展改革委可行性研究报告批复文件，投资概算依据不足，请补充后重新提交。",
    )  # fmt: skip
    item.refresh_from_db()
    services.update_item(actor=editor, item=item, title=ROAD, budget="6350000000",
                         summary=item.summary + "已补充可行性研究报告批复（粤发改交通函〔2026〕88号）。",
                         responsible=item.responsible, basis=item.basis,
                         planned_start=item.planned_start, planned_end=item.planned_end)  # fmt: skip
    item = services.submit_item(actor=editor, item=item)
    second = item.crosschecks.order_by("round").last()
    crosscheck.sign_off(
        actor=checker, check=second, findings="已补充批复文件，程序完备，同意实施。"
    )
    item.refresh_from_db()
    stages = [
        services.add_stage(actor=editor, item=item, name=name, planned_start=a, planned_end=b)
        for name, a, b in (
            ("前期工作", dt.date(2026, 3, 1), dt.date(2026, 6, 30)),
            ("土建施工", dt.date(2026, 7, 1), dt.date(2028, 12, 31)),
            ("交工验收", dt.date(2029, 1, 1), dt.date(2029, 6, 30)),
        )
    ]
    services.set_stage_state(actor=editor, stage=stages[0], state="active", on=dt.date(2026, 3, 2))
    services.set_stage_state(actor=editor, stage=stages[0], state="done", on=dt.date(2026, 7, 10))
    services.set_stage_state(actor=editor, stage=stages[1], state="active", on=dt.date(2026, 7, 13))
    for name, stage, planned, actual in (
        ("施工图设计批复", stages[0], dt.date(2026, 5, 31), dt.date(2026, 5, 28)),
        ("征地拆迁完成", stages[0], dt.date(2026, 6, 30), dt.date(2026, 7, 10)),
        ("主线桥梁桩基完成", stages[1], dt.date(2027, 6, 30), None),
        ("全线贯通", stages[1], dt.date(2028, 10, 31), None),
    ):
        m = services.add_milestone(actor=editor, item=item, name=name, planned_on=planned,
                                   stage_id=stage.pk)  # fmt: skip
        if actual:
            services.reach_milestone(actor=editor, milestone=m, actual_on=actual)
    for day, amount, purpose, payee in (
        (dt.date(2026, 4, 15), "86000000", "勘察设计费", "广东省交通规划设计研究院"),
        (dt.date(2026, 6, 20), "412000000", "征地拆迁补偿款", "广州市各区征地事务机构"),
        (dt.date(2026, 9, 30), "538000000", "土建工程进度款（第一期）", "中交第四公路工程局"),
    ):
        services.record_spending(actor=editor, item=item, spent_on=day, amount=amount,
                                 purpose=purpose, payee=payee)  # fmt: skip
    # 专家组跟进: the library, the group (the conflicted expert cannot join), opinions.
    library = []
    for name, specialty, title, employer, conflict in EXPERTS:
        found = Expert.objects.filter(name=name).first() or experts.add_expert(
            actor=supervisor, name=name, specialty=specialty, title=title, employer=employer,
            conflict_agencies=[agency] if conflict else [],
        )  # fmt: skip
        library.append(found)
    group = experts.form_group(actor=supervisor, item=item)
    experts.add_member(actor=supervisor, group=group, expert=library[0], is_leader=True)
    experts.add_member(actor=supervisor, group=group, expert=library[1])
    review = experts.request_opinion(actor=supervisor, group=group, stage=stages[0])
    experts.record_opinion(
        actor=supervisor, review=review, conclusion="concerns",
        opinion="前期工作程序完备；征地拆迁较计划滞后10天，建议加强与沿线各区的协调并及时公开补偿标准。",
    )  # fmt: skip
    experts.request_opinion(actor=supervisor, group=group, stage=stages[1])
    return item


def _questions(item, citizen, editor):
    if item.questions.exists():
        return
    answered = questions.ask_question(
        author=citizen, item=item, client_address="127.0.0.1",
        text="征地拆迁补偿标准在哪里可以查到？我家在白云区太和镇，电话13800138000。",
    )  # fmt: skip
    questions.answer_question(
        actor=editor, question=answered,
        answer="补偿标准已于2026年6月在广州市白云区人民政府网站“征地信息公开”栏目公布，"
        "也可到太和镇政府征地办查阅。",
    )  # fmt: skip
    questions.ask_question(author=citizen, item=item, client_address="127.0.0.1",
                           text="施工期间夜间噪声较大，请问夜间施工是否经过审批？")  # fmt: skip


def _spending(agency, editor):
    item = KeyItem.objects.filter(agency=agency, title=SPENDING).first()
    if item is not None:
        return item
    item = services.register_item(
        actor=editor, agency=agency, kind="spending", title=SPENDING, amount="38000000",
        purpose="普通国省道路面大中修及安全生命防护工程", responsible="公路事务中心",
        is_public=True,
    )  # fmt: skip
    for role, name, day in (
        ("处室负责人审核", "公路处 王处长", dt.date(2026, 3, 2)),
        ("财务处审核", "财务处 陈处长", dt.date(2026, 3, 4)),
        ("厅党组会议审定", "厅党组会议", dt.date(2026, 3, 10)),
    ):
        services.add_approval(actor=editor, item=item, role=role, approver_name=name,
                              decided_on=day, opinion="同意")  # fmt: skip
    services.submit_item(actor=editor, item=item)
    services.record_spending(actor=editor, item=item, spent_on=dt.date(2026, 4, 1),
                             amount="22800000", purpose="第一批拨付（60%）",
                             payee="各地市公路事务中心")  # fmt: skip
    return item


def _approval(agency, editor):
    if KeyItem.objects.filter(agency=agency, title=APPROVAL).exists():
        return
    power = PowerItem.objects.filter(agency=agency, code="440000-JT-XK-003").first()
    if power is None:
        return
    services.register_item(
        actor=editor, agency=agency, kind="approval", title=APPROVAL, power_item_id=power.pk,
        basis="《公路安全保护条例》第三十五条", summary="盾构机主机跨江运输，总重约420吨。",
    )  # fmt: skip


def load(*, stdout=None) -> None:
    agency = Agency.objects.get(name=AGENCY)
    office = Agency.objects.get(name=OFFICE)
    editor = User.objects.get(email=EDITOR)
    supervisor = User.objects.get(email=SUPERVISOR)
    citizen = User.objects.get(email=CITIZEN)
    checker = ensure_staff(CHECKER[0], CHECKER[1], office, ["reviewer"])
    road = _road(agency, editor, supervisor, checker, office)
    _questions(road, citizen, editor)
    _spending(agency, editor)
    _approval(agency, editor)
    if stdout is not None:
        stdout.write(f"重要职权事项：{AGENCY} {KeyItem.objects.filter(agency=agency).count()} 项")
