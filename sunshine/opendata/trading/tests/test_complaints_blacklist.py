"""投诉 on the clocks of 政府采购质疑和投诉办法 (5 wd to accept, 30 wd from receipt to decide;
dates worked out by hand on the official 2026 calendar: 1–7 Oct off, Sat 10 Oct a working
day), the published outcome, 黑名单 public only while in force, and the open datasets."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.selectors import clocks_for, open_clock
from sunshine.opendata.datasets.sources import SOURCES
from sunshine.opendata.trading import selectors, services
from sunshine.testing.factories.kernel import CitizenFactory, staff_with

from .factories import BIDDER_CODE, imported_project

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "complainant_name": "广州安信医疗科技有限公司",
    "credit_code": BIDDER_CODE,
    "contact": "020-83001234",
    "matters": "中标供应商的CT机不满足招标文件第三章技术参数要求。",
    "facts": "投标文件第45页所列探测器排数为64排，招标文件要求不少于128排。",
    "request_text": "请求认定中标结果无效，责令重新开展采购活动。",
    "challenge": "2026年9月21日向代理机构提出质疑，9月24日收到答复，对答复不满意。",
}


@pytest.fixture
def project(gov):
    return imported_project(gov["market"], gov["editor"])


def _file(project, user=None, **extra):
    return services.file_complaint(
        complainant=user or CitizenFactory(), project=project, **(COMPLAINT | extra)
    )


def test_review_in_5_wd_and_decision_in_30_wd_from_receipt_over_national_day(gov, project):
    # Received Mon 28 Sep 2026. Review: Tue 29 (1), Wed 30 (2), 1–7 Oct off, Thu 8 (3),
    # Fri 9 (4), Sat 10 Oct 调休 (5) → due 10 Oct. Decision, 30 wd from receipt: 12–16 Oct
    # (6–10), 19–23 (11–15), 26–30 (16–20), 2–6 Nov (21–25), 9–13 Nov (26–30) → due 13 Nov.
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        complaint = _file(project)
    assert open_clock(complaint, "trading.complaint_accept").due_date == dt.date(2026, 10, 10)
    with frozen(dt.datetime(2026, 10, 9, 15, 0)):
        complaint = services.accept_complaint(actor=gov["editor"], complaint=complaint)
    assert open_clock(complaint, "trading.complaint_decide").due_date == dt.date(2026, 11, 13)
    assert [c.met_deadline for c in clocks_for(complaint) if c.rule.endswith("accept")] == [True]
    assert selectors.public_complaints(project) == []  # not public before the decision
    with frozen(dt.datetime(2026, 11, 13, 16, 0)):
        complaint = services.decide_complaint(
            actor=gov["editor"], complaint=complaint, outcome="unfounded",
            decision="经审查，中标产品满足招标文件要求，投诉事项不成立。",
        )  # fmt: skip
    assert complaint.decided_late is False and complaint.state == "decided"
    assert selectors.public_complaints(project) == [complaint]
    with pytest.raises(ValidationError):
        services.decide_complaint(
            actor=gov["editor"], complaint=complaint, outcome="upheld", decision="再次决定"
        )


def test_a_pause_for_expert_review_moves_the_decision_date(gov, project):
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        complaint = services.accept_complaint(actor=gov["editor"], complaint=_file(project))
    with frozen(dt.datetime(2026, 10, 12, 9, 0)):
        services.pause_decision(actor=gov["editor"], complaint=complaint, reason="组织专家评审")
    with frozen(dt.datetime(2026, 10, 19, 9, 0)):  # Mon 12 → Mon 19: 5 wd paused
        services.resume_decision(actor=gov["editor"], complaint=complaint)
    assert open_clock(complaint, "trading.complaint_decide").due_date == dt.date(2026, 11, 20)


def test_rejection_needs_a_reason_and_is_published_late_or_not(gov, project):
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        complaint = _file(project)
    with frozen(dt.datetime(2026, 10, 12, 9, 0)):
        with pytest.raises(ValidationError):
            services.reject_complaint(actor=gov["editor"], complaint=complaint, reason=" ")
        complaint = services.reject_complaint(
            actor=gov["editor"], complaint=complaint, reason="投诉人未先依法提出质疑。"
        )
    assert complaint.decided_late is True  # due 10 Oct
    assert selectors.public_complaints(project) == [complaint]


def test_who_may_file_and_handle(gov, project):
    with pytest.raises(PermissionDenied):
        _file(project, user=gov["env_editor"])  # staff are not bidders
    with pytest.raises(ValidationError) as refused:
        _file(project, credit_code="12345", matters="", contact="<b>x</b>")
    assert set(refused.value.message_dict) == {"credit_code", "matters", "contact"}
    complaint = _file(project, credit_code="", complainant_name="张三")
    assert selectors.public_complainant(complaint) == "张某"
    with pytest.raises(PermissionDenied):  # another agency's staff
        services.accept_complaint(actor=gov["env_editor"], complaint=complaint)
    with pytest.raises(PermissionDenied):
        services.withdraw_complaint(actor=CitizenFactory(), complaint=complaint)
    services.withdraw_complaint(actor=complaint.complainant, complaint=complaint)
    assert open_clock(complaint, "trading.complaint_accept") is None
    queue = selectors.complaint_queue(gov["editor"])
    assert [c.pk for c in queue] == [complaint.pk]
    assert selectors.complaint_queue(gov["env_editor"]) == []


def test_blacklist_is_public_only_while_in_force(gov):
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["market"])
    data = {
        "entity_name": "广东某某建设工程有限公司",
        "credit_code": BIDDER_CODE,
        "reason": "在广州市某道路工程投标中提供虚假业绩材料。",
        "basis": "《招标投标法实施条例》第六十八条",
        "valid_from": "2026-10-01",
        "valid_to": "2027-09-30",
    }
    with pytest.raises(ValidationError) as refused:
        services.register_blacklist(actor=officer, agency=gov["market"], **(data | {"valid_to": "2026-01-01", "credit_code": ""}))  # fmt: skip
    assert set(refused.value.message_dict) == {"credit_code"}
    with pytest.raises(ValidationError) as refused:
        services.register_blacklist(actor=officer, agency=gov["market"], **(data | {"valid_to": "2026-01-01"}))  # fmt: skip
    assert set(refused.value.message_dict) == {"valid_to"}
    with pytest.raises(PermissionDenied):
        services.register_blacklist(actor=gov["viewer"], agency=gov["market"], **data)
    entry = services.register_blacklist(actor=officer, agency=gov["market"], **data)
    with frozen(dt.date(2026, 9, 30)):
        services.publish_blacklist(actor=officer, entry=entry)
        assert list(selectors.in_force_blacklist()) == []  # not yet in force
    with frozen(dt.date(2026, 10, 1)):
        assert list(selectors.in_force_blacklist(q=BIDDER_CODE.lower())) == [entry]
    with frozen(dt.date(2027, 10, 1)):
        assert list(selectors.in_force_blacklist()) == []  # the period is over
    with frozen(dt.date(2026, 12, 1)):
        services.revoke_blacklist(actor=officer, entry=entry, reason="行政处罚决定被撤销")
        assert list(selectors.in_force_blacklist()) == []


def test_the_tables_are_open_data_sources(gov, project):
    keys = {"trading.projects", "trading.results", "trading.blacklist"}
    assert keys <= {s.key for s in SOURCES.all()}
    projects = list(SOURCES.get("trading.projects").rows(gov["root"]))
    assert [(r[0], r[2], r[7]) for r in projects] == [("GDGGZY-2026-P-1", "政府采购", "结果公示")]
    results = list(SOURCES.get("trading.results").rows(gov["market"]))
    assert results[0][4:7] == ["广州康华医疗器械有限公司", results[0][5], project.announcements.get(kind="result").amount]  # fmt: skip
    assert list(SOURCES.get("trading.results").rows(gov["env"])) == []
