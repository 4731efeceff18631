"""Test data of 重大行政决策: the people of a decision (the government, its legal office, the
承办单位) and decisions made through the services."""

import datetime as dt
from dataclasses import dataclass

from sunshine.governance.decisions import services, steps

from .kernel import AgencyFactory, at, staff_with  # noqa: F401  (at: for the tests)


@dataclass
class People:
    government: object  # 决策机关: 广东省人民政府
    lead: object  # 承办单位: 交通运输厅
    legal_office: object  # 司法厅
    head: object  # approver of the government: decides, overrides
    drafter: object  # drafter of the government: records the steps
    reviewer: object  # reviewer of the legal office
    outsider: object  # drafter of the city government


def make_people(province) -> People:
    root = province["root"]
    legal = AgencyFactory(name="广东省司法厅", parent=root)
    return People(
        government=root,
        lead=province["transport"],
        legal_office=legal,
        head=staff_with("approver", root, display_name="省长"),
        drafter=staff_with("drafter", root, display_name="承办人"),
        reviewer=staff_with("reviewer", legal, display_name="审查员"),
        outsider=staff_with("drafter", province["city"]),
    )


def make_decision(people: People, *, level="executive", title="广州至湛江高速公路建设规划", **kw):
    return services.create_decision(
        actor=people.drafter,
        agency=people.government,
        lead_agency=people.lead,
        title=title,
        level=level,
        **kw,
    )


def complete_expert_and_risk(people: People, decision) -> None:
    steps.record_expert_review(
        actor=people.drafter,
        decision=decision,
        experts="张教授（交通规划）\n李研究员（环境）",
        report="方案总体可行，建议优化线位。",
    )
    steps.record_risk_assessment(
        actor=people.drafter, decision=decision, risk_level="medium", report="征地拆迁风险中等。"
    )


def pass_legality(people: People, decision) -> None:
    steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    steps.record_legality_opinion(
        actor=people.reviewer, decision=decision, conclusion="lawful", report="符合有关法律法规。"
    )


def hold_collective_discussion(people: People, decision, day=dt.date(2026, 10, 9)) -> None:
    steps.record_collective_discussion(
        actor=people.drafter,
        decision=decision,
        meeting_name="省政府第12次常务会议",
        meeting_date=day,
        attendees="省长、常务副省长、副省长、秘书长",
        report="会议讨论并原则通过。",
        head_spoke_last=True,
        dissent="一名副省长建议分期建设。",
    )
