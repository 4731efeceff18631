"""The three ways of supervision: 内部交叉审核, 专家组跟进, 公众监督. Due dates worked out by
hand on the State Council's 2026 holiday notice (国办发明电〔2025〕7号):

- cross-check (5 wd) started Wed 2026-09-23: 09-24 Thu (1); 09-25..27 中秋 off; 09-28 Mon (2),
  09-29 (3), 09-30 (4); 10-01..07 国庆 off; 10-08 Thu (5) → due 2026-10-08;
- expert opinion (10 wd) asked Thu 2026-04-30: 05-01..05 劳动节 off; 05-06 (1), 05-07 (2),
  05-08 (3), Sat 05-09 调休 workday (4), 05-11 (5) … 05-15 (9), Mon 05-18 (10) → due 2026-05-18;
- public question (5 wd) asked Fri 2026-02-13: Sat 02-14 调休 workday (1); 02-15..23 春节 off;
  02-24 (2), 02-25 (3), 02-26 (4), 02-27 Fri (5) → due 2026-02-27."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.governance.keyitems import crosscheck, experts, questions, selectors, services
from sunshine.governance.keyitems.choices import CrossCheckState, KeyItemState
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.testing.factories import RoleGrantFactory
from sunshine.testing.factories.keyitems import (
    add_expert,
    ask,
    make_project,
    make_spending,
    submitted_to,
    with_stages,
)

pytestmark = pytest.mark.django_db


def test_crosscheck_clock_over_the_holidays_and_overdue_on_the_dashboard(kp):
    with frozen(dt.datetime(2026, 9, 23, 10, 0)):
        item = make_project(kp)
        item = submitted_to(kp, item)
        assert item.state == KeyItemState.CHECKING
        check = item.crosschecks.get()
        assert check.state == CrossCheckState.PENDING and check.agency == kp["office"]
        assert open_clock(check, "keyitems.crosscheck").due_date == dt.date(2026, 10, 8)
        with pytest.raises(ValidationError) as exc:  # it does not proceed unchecked
            services.submit_item(actor=kp["editor"], item=item)
    with frozen(dt.datetime(2026, 10, 8, 17, 0)):
        row = selectors.dashboard(kp["supervisor"])["rows"][0]
        assert row.check_pending and not row.check_overdue
    with frozen(dt.datetime(2026, 10, 9, 9, 0)):
        board = selectors.dashboard(kp["supervisor"])
        assert board["rows"][0].check_overdue
        assert board["by_agency"][0]["check_overdue"] == 1
        assert board["totals"]["project"]["checking"] == 1
    assert "交叉审核" in str(exc.value)


def test_nobody_checks_their_own_unit(kp):
    item = make_project(kp)
    for unit in (kp["transport"], kp["root"]):  # itself, the government above it
        with pytest.raises(ValidationError) as exc:
            crosscheck.assign_crosscheck(actor=kp["supervisor"], item=item, agency=unit)
        assert "不能审核本单位的事项" in exc.value.message_dict["agency"][0]
    with pytest.raises(PermissionDenied):  # only the general office assigns
        crosscheck.assign_crosscheck(actor=kp["editor"], item=item, agency=kp["office"])
    item = submitted_to(kp, item)
    check = item.crosschecks.get()
    # The department's own reviewer holds no role on the checking unit …
    with pytest.raises(PermissionDenied):
        crosscheck.sign_off(actor=kp["own_checker"], check=check, findings="同意")
    # … and one who also serves the checking unit is still refused: it is their own unit.
    RoleGrantFactory(user=kp["own_checker"], agency=kp["office"], role=Role.REVIEWER)
    kp["own_checker"].__dict__.pop("_sunshine_grants", None)
    with pytest.raises(PermissionDenied) as exc:
        crosscheck.sign_off(actor=kp["own_checker"], check=check, findings="同意")
    assert "不能审核本单位的事项" in str(exc.value)
    with pytest.raises(PermissionDenied):  # another unit that was not assigned
        crosscheck.sign_off(actor=kp["city_checker"], check=check, findings="同意")
    crosscheck.sign_off(actor=kp["checker"], check=check, findings="程序完备，同意实施。")
    item.refresh_from_db()
    assert item.state == KeyItemState.IN_PROGRESS


def test_return_with_reasons_then_a_second_round(kp):
    with frozen(dt.datetime(2026, 11, 2, 9, 0)):
        item = submitted_to(kp, make_project(kp))
        check = item.crosschecks.get()
        with pytest.raises(ValidationError) as exc:
            crosscheck.return_check(actor=kp["checker"], check=check, findings="", reasons=" ")
        assert "reasons" in exc.value.message_dict
        crosscheck.return_check(actor=kp["checker"], check=check, findings="概算偏高",
                                reasons="未附可行性研究报告批复，请补充。")  # fmt: skip
        item.refresh_from_db()
        assert item.state == KeyItemState.RETURNED
        assert open_clock(check, "keyitems.crosscheck") is None
        services.update_item(actor=kp["editor"], item=item, title=item.title,
                             budget="1200000000", summary="已补充可研批复")  # fmt: skip
    with frozen(dt.datetime(2026, 11, 4, 9, 0)):
        item = services.submit_item(actor=kp["editor"], item=item)  # corrected: round 2
        second = item.crosschecks.order_by("round").last()
        assert (second.round, second.state, second.agency) == (2, "pending", kp["office"])
        crosscheck.sign_off(actor=kp["checker"], check=second, findings="已补充，同意。")
    item.refresh_from_db()
    assert item.state == KeyItemState.IN_PROGRESS and item.published_at is not None
    assert AuditEvent.objects.filter(action="keyitem.crosscheck_return").count() == 1
    stats = {r["agency"].pk: r for r in selectors.crosscheck_statistics(kp["supervisor"])}
    assert stats[kp["transport"].pk] | {"agency": None} == {
        "agency": None, "rounds": 2, "signed_off": 1, "returned": 1, "pending": 0, "late": 0,
        "checked_for_others": 0,
    }  # fmt: skip
    assert stats[kp["office"].pk]["checked_for_others"] == 2


def test_rule_requires_a_check_of_large_spending_over_the_amount(kp):
    services.configure_government(actor=kp["supervisor"], government=kp["root"],
                                  crosscheck_spending_over="5000000")  # fmt: skip
    with frozen(dt.datetime(2026, 11, 30, 9, 0)):
        small = services.submit_item(actor=kp["editor"], item=make_spending(kp, amount="5000000"))
        assert small.state == KeyItemState.IN_PROGRESS  # not over 500万
        big = services.submit_item(actor=kp["editor"], item=make_spending(kp, amount="5000000.01"))
        assert big.state == KeyItemState.CHECKING
        check = big.crosschecks.get()
        assert (check.basis, check.agency, check.state) == ("rule", kp["office"], "pending")
        assert "500.00 万元" in check.reason


def test_rule_check_of_the_office_itself_waits_for_an_assignment(kp):
    office_editor = kp["editor"].__class__.objects.get(pk=kp["editor"].pk)
    RoleGrantFactory(user=office_editor, agency=kp["office"], role=Role.AGENCY_ADMIN)
    services.configure_government(actor=kp["supervisor"], government=kp["root"],
                                  crosscheck_kinds=["spending"])  # fmt: skip
    item = make_spending(kp, agency=kp["office"], actor=office_editor)
    item = services.submit_item(actor=office_editor, item=item)
    check = item.crosschecks.get()
    assert (item.state, check.state, check.agency) == ("checking", "unassigned", None)
    assert selectors.dashboard(kp["supervisor"])["rows"][0].check_unassigned
    crosscheck.assign_crosscheck(actor=kp["supervisor"], item=item, agency=kp["transport"])
    check.refresh_from_db()
    assert check.state == "pending" and open_clock(check, "keyitems.crosscheck")


def test_expert_group_conflicts_and_stage_opinion_clock(kp):
    item = make_project(kp)
    stages = with_stages(item, kp["editor"])
    conflicted = add_expert(kp, "周工", conflicts=[kp["transport"]])
    above = add_expert(kp, "吴工", conflicts=[kp["root"]])  # a conflict with the government
    fine = add_expert(kp, "黄教授", conflicts=[kp["city"]])
    group = experts.form_group(actor=kp["supervisor"], item=item)
    for expert in (conflicted, above):
        with pytest.raises(ValidationError) as exc:
            experts.add_member(actor=kp["supervisor"], group=group, expert=expert)
        assert "应当回避" in exc.value.message_dict["expert"][0]
    experts.add_member(actor=kp["supervisor"], group=group, expert=fine, is_leader=True)
    with pytest.raises(ValidationError):
        experts.add_member(actor=kp["supervisor"], group=group, expert=fine)
    with pytest.raises(PermissionDenied):
        experts.form_group(actor=kp["editor"], item=item)
    with frozen(dt.datetime(2026, 4, 30, 15, 0)):
        review = experts.request_opinion(actor=kp["supervisor"], group=group, stage=stages[0])
        assert open_clock(review, "keyitems.expert_opinion").due_date == dt.date(2026, 5, 18)
    with frozen(dt.datetime(2026, 5, 19, 9, 0)):
        assert selectors.dashboard(kp["supervisor"])["rows"][0].opinion_overdue
        with pytest.raises(ValidationError):
            experts.final_assessment(actor=kp["supervisor"], group=group, conclusion="sound",
                                     assessment="总体可行")  # fmt: skip
        experts.record_opinion(actor=kp["supervisor"], review=review, conclusion="concerns",
                               opinion="前期工作基本到位，建议加强征地拆迁信息公开。")  # fmt: skip
        assert not selectors.dashboard(kp["supervisor"])["rows"][0].opinion_overdue
        experts.final_assessment(actor=kp["supervisor"], group=group, conclusion="sound",
                                 assessment="项目推进总体符合要求。")  # fmt: skip
    group.refresh_from_db()
    assert group.final_conclusion == "sound"


def test_public_question_clock_masking_and_answer(kp):
    with frozen(dt.datetime(2026, 2, 13, 10, 0)):
        item = services.submit_item(actor=kp["editor"], item=make_project(kp))
        hidden = services.submit_item(actor=kp["editor"], item=make_project(kp, is_public=False))
        with pytest.raises(ValidationError):
            ask(kp, hidden)
        with pytest.raises(PermissionDenied):
            questions.ask_question(author=kp["editor"], item=item, text="工作人员不能这样提问")
        with pytest.raises(ValidationError) as exc:
            ask(kp, item, text="<b>问</b>")
        assert "text" in exc.value.message_dict
        q = ask(kp, item, text="我是林晓明，电话13912345678，请公开第二标段的征地补偿标准。")
        assert open_clock(q, "keyitems.question_reply").due_date == dt.date(2026, 2, 27)
        assert "13912345678" not in q.public_text and "林晓明" not in q.public_text
        assert q.client_address == "203.0.113.7"
    with frozen(dt.datetime(2026, 2, 28, 9, 0)):
        rows = {r.pk: r for r in selectors.dashboard(kp["supervisor"])["rows"]}
        assert rows[item.pk].question_overdue and rows[item.pk].questions_open == 1
        assert not rows[hidden.pk].question_overdue
        with pytest.raises(PermissionDenied):  # another agency does not answer
            questions.answer_question(actor=kp["city_checker"], question=q, answer="答复")
        questions.answer_question(actor=kp["own_checker"], question=q,
                                  answer="补偿标准已于2026年3月在厅网站公开，联系人林晓明。")  # fmt: skip
    q.refresh_from_db()
    assert q.state == "answered" and "林晓明" not in q.public_answer
    assert list(selectors.answered_questions(item)) == [q]
    assert open_clock(q, "keyitems.question_reply") is None


def test_question_becomes_a_duban_order_and_an_accountability_case(kp):
    item = services.submit_item(actor=kp["editor"], item=make_project(kp))
    q = ask(kp, item)
    with pytest.raises(PermissionDenied):
        questions.escalate_to_duban(actor=kp["editor"], question=q, reason="请抓紧答复")
    order = questions.escalate_to_duban(actor=kp["supervisor"], question=q, reason="请抓紧答复")
    assert order.agency == kp["transport"] and order.kind == "keyitem_question"
    with pytest.raises(ValidationError):
        questions.escalate_to_duban(actor=kp["supervisor"], question=q, reason="再次督办")
    assert questions.accountability_available()  # the 问责 module is installed: no silent skip
    case = questions.escalate_to_accountability(
        actor=kp["supervisor"], question=q, facts="群众反映征地补偿标准未公开，逾期未答复。"
    )
    q.refresh_from_db()
    assert q.accountability_case_id == case.pk and case.agency == kp["transport"]


def test_dashboard_counts_every_item_not_only_the_page(kp):
    for n in range(3):
        submitted_to(kp, make_project(kp, title=f"项目{n}"))
    make_project(kp, title="登记中")
    first = selectors.dashboard(kp["supervisor"], per_page=2)
    assert (len(first["rows"]), first["count"], first["pages"]) == (2, 4, 2)
    assert first["totals"]["project"]["items"] == 4 and first["totals"]["project"]["checking"] == 3
    assert [(a["agency"], a["items"], a["check_pending"]) for a in first["by_agency"]] == [
        (kp["transport"], 4, 3)]  # fmt: skip
    second = selectors.dashboard(kp["supervisor"], per_page=2, page=2)
    assert len({r.pk for r in first["rows"] + second["rows"]}) == 4
