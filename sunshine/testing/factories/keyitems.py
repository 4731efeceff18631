"""重要职权事项 test data, made through the services (clocks, workflow state and audit are
production's). `keyitem_people(province)` gives the staff of the `province` fixture's tree
(sunshine/testing/fixtures.py): the transport department's register keepers, a checker of the
general office (another unit), a checker of the transport department itself (to be refused),
the general office's supervisor, and a citizen."""

import datetime as dt
from decimal import Decimal

from sunshine.governance.keyitems import crosscheck, experts, questions, services
from sunshine.kernel.accounts.roles import Role

from .kernel import CitizenFactory, staff_with

ROAD = "广州至湛江高速公路改扩建工程"


def keyitem_people(province) -> dict:
    transport, office = province["transport"], province["office"]
    return province | {
        "editor": staff_with(Role.AGENCY_ADMIN, transport, display_name="交通厅李科长"),
        "drafter": staff_with(Role.DRAFTER, transport, display_name="交通厅起草员"),
        "own_checker": staff_with(Role.REVIEWER, transport, display_name="交通厅审核员"),
        "checker": staff_with(Role.REVIEWER, office, display_name="办公厅审核员"),
        "city_checker": staff_with(Role.REVIEWER, province["city"], display_name="广州市审核员"),
        "supervisor": staff_with(Role.SUPERVISOR, office, display_name="办公厅督查"),
        "citizen": CitizenFactory(display_name="林晓明", mobile="13912345678"),
    }


def make_project(people, **kw):
    values = {
        "actor": people["editor"],
        "agency": people["transport"],
        "kind": "project",
        "title": ROAD,
        "summary": "全长约120公里，双向八车道改扩建。",
        "responsible": "综合规划处 张处长",
        "budget": Decimal("1250000000.00"),
        "planned_start": dt.date(2026, 3, 1),
        "planned_end": dt.date(2028, 12, 31),
        "is_public": True,
    } | kw
    return services.register_item(**values)


def make_spending(people, *, amount="3800000", approvals=1, **kw):
    values = {
        "actor": people["editor"],
        "agency": people["transport"],
        "kind": "spending",
        "title": "2026年国省道养护专项资金拨付",
        "amount": amount,
        "purpose": "国省道路面大中修工程",
    } | kw
    item = services.register_item(**values)
    chain = [
        ("处室负责人审核", "王处长"),
        ("财务处审核", "陈处长"),
        ("厅长办公会审定", "厅长办公会"),
    ]
    for role, name in chain[:approvals]:
        services.add_approval(actor=values["actor"], item=item, role=role, approver_name=name,
                              decided_on=dt.date(2026, 11, 2))  # fmt: skip
    return item


def with_stages(item, actor, stages=(("前期工作", dt.date(2026, 3, 1), dt.date(2026, 6, 30)),
                                     ("施工", dt.date(2026, 7, 1), dt.date(2028, 9, 30)),
                                     ("交工验收", dt.date(2028, 10, 1), dt.date(2028, 12, 31)))):  # fmt: skip
    return [
        services.add_stage(actor=actor, item=item, name=name, planned_start=a, planned_end=b)
        for name, a, b in stages
    ]


def add_expert(people, name="黄教授", *, conflicts=(), specialty="道路与桥梁工程"):
    return experts.add_expert(actor=people["supervisor"], name=name, specialty=specialty,
                              title="教授级高工", employer="华南理工大学",
                              conflict_agencies=list(conflicts))  # fmt: skip


def submitted_to(people, item, agency=None):
    """Assign a cross-check of `item` to `agency` (the general office) and submit it."""
    crosscheck.assign_crosscheck(actor=people["supervisor"], item=item,
                                 agency=agency or people["office"], reason="重大项目开工前审核")  # fmt: skip
    return services.submit_item(actor=people["editor"], item=item)


def ask(people, item, text="请问该项目第二标段为何延期？"):
    return questions.ask_question(author=people["citizen"], item=item, text=text,
                                  client_address="203.0.113.7")  # fmt: skip
