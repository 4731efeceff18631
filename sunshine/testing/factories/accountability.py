"""Test data of 问责: the people (a supervisor of the general office, the leaders and staff of
the agency concerned and of another agency), an overdue clock to open a case from, and cases
opened and walked through the services (so clocks, workflow history, steps and audit are
production's). Kernel sources only: a complaint is a participation message, made by the shell
tests that need one."""

import datetime as dt
from dataclasses import dataclass

from sunshine.governance.accountability import services
from sunshine.kernel import clock
from sunshine.kernel.deadlines.services import start_clock

from .kernel import AgencyFactory, staff_with

# A wd rule every installation has (督办反馈, 3 wd): a clock started a month ago is overdue.
OVERDUE_RULE = "oversight.response"


@dataclass
class People:
    office: object  # 广东省人民政府办公厅
    agency: object  # the agency concerned: 广东省交通运输厅
    other_agency: object  # 广州市人民政府
    supervisor: object  # 督查 of the office: opens, handles, publishes
    leader: object  # approver of the agency: sees, 情况说明
    drafter: object  # drafter of the agency: sees only
    other_leader: object  # approver of the other agency


def make_people(province) -> People:
    return People(
        office=province["office"],
        agency=province["transport"],
        other_agency=province["city"],
        supervisor=staff_with("supervisor", province["office"], display_name="周督查"),
        leader=staff_with("approver", province["transport"], display_name="厅领导"),
        drafter=staff_with("drafter", province["transport"], display_name="经办人"),
        other_leader=staff_with("approver", province["city"], display_name="市领导"),
    )


def overdue_clock(agency, *, days_ago: int = 30):
    """A running clock of `agency` started `days_ago` calendar days ago on a stand-in object
    (an Agency row): far past its 3 working days, so overdue now."""
    item = AgencyFactory(parent=agency)
    return start_clock(
        obj=item,
        rule=OVERDUE_RULE,
        agency=agency,
        start=clock.now() - dt.timedelta(days=days_ago),
    )


def open_from_clock(people: People, running=None, **kw):
    running = running or overdue_clock(people.agency)
    kw.setdefault("title", "超期未办结问责")
    kw.setdefault("facts", "该事项超过法定期限仍未办结。")
    return services.open_case(
        actor=people.supervisor, source_kind="overdue_clock", source_id=running.pk, **kw
    )


def open_other(people: People, *, agency=None, **kw):
    kw.setdefault("title", "政府信息公开工作不到位")
    kw.setdefault("facts", "网站政策文件栏目六个月未更新。")
    kw.setdefault("source_title", "政务公开第三方评估")
    return services.open_case(
        actor=people.supervisor, source_kind="other", agency=agency or people.agency, **kw
    )


def case_in(state: str, people: People, case=None, *, outcomes=("interview",), **kw):
    """A case walked to `state` (filed, investigated, decided, closed) by the supervisor."""
    case = case or open_from_clock(people, **kw)
    order = ["filed", "investigated", "decided", "closed"]
    target = order.index(state)
    if target >= 1 and case.state == "filed":
        services.investigate(actor=people.supervisor, case=case, findings="经调查，情况属实。")
    if target >= 2 and case.state == "investigated":
        services.decide(
            actor=people.supervisor, case=case, outcomes=list(outcomes), text="决定予以问责。"
        )
    if target >= 3 and case.state == "decided":
        services.close(actor=people.supervisor, case=case, text="已整改到位，予以结案。")
    case.refresh_from_db()
    return case
