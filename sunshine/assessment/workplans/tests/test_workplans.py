"""政务公开工作计划: the round's clocks (due dates worked out by hand on the official 2026
calendar, holidays-cn/2026.json), submission with a document and tasks, on time / late /
missing, task clocks and overdue, 督查 through kernel duban, scope."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.assessment.workplans import selectors, services
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.duban.models import SupervisionOrder
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories.kernel import staff_with

pytestmark = pytest.mark.django_db


def _doc(name="2026年政务公开工作计划.txt"):
    return SimpleUploadedFile(name, "一、工作目标\n二、重点任务\n".encode(), "text/plain")


@pytest.fixture
def w(gov):
    market, env = gov["market"], gov["env"]
    return gov | {
        "officer": staff_with(Role.DISCLOSURE_OFFICER, market, display_name="公开办李"),
        "env_officer": staff_with(Role.DISCLOSURE_OFFICER, env, display_name="公开办林"),
    }


def _open(w, due="2026-01-31", year=2026, at=dt.datetime(2026, 1, 5, 9, 0)):
    with frozen(at):
        return services.open_round(
            actor=w["supervisor"], year=year, due_date=due, agencies=[w["market"], w["env"]]
        )


def test_round_clocks_end_on_the_due_date_or_the_next_working_day(w):
    # Sat 2026-01-31 is a rest day and so is Sun 02-01: the clocks end on Mon 2026-02-02.
    r = _open(w)
    assert (r.due_date, r.effective_due) == (dt.date(2026, 1, 31), dt.date(2026, 2, 2))
    plans = list(r.plans.select_related("clock"))
    assert [p.clock.due_date for p in plans] == [dt.date(2026, 2, 2)] * 2
    assert {p.clock.rule for p in plans} == {"workplans.submit"}
    # Sat 2026-02-14 is a 调休 working day (春节): kept. Thu 2026-10-01 (国庆, 1–7 Oct off):
    # moved to Thu 10-08.
    assert services.effective_due(dt.date(2026, 2, 14)) == dt.date(2026, 2, 14)
    assert services.effective_due(dt.date(2026, 10, 1)) == dt.date(2026, 10, 8)
    # Each agency's 公开办 is told at once.
    assert Notification.objects.filter(recipient=w["officer"], event=services.EVENT_OPENED).exists()
    with frozen(dt.datetime(2026, 1, 5, 10, 0)), pytest.raises(ValidationError) as exc:
        services.open_round(actor=w["supervisor"], year=2026, due_date="2026-03-01")
    assert "year" in exc.value.message_dict
    with frozen(dt.datetime(2026, 1, 5, 10, 0)), pytest.raises(PermissionDenied):
        services.open_round(actor=w["officer"], year=2027, due_date="2027-01-31")
    with frozen(dt.datetime(2026, 1, 5, 10, 0)), pytest.raises(ValidationError) as exc:
        services.open_round(actor=w["supervisor"], year=2027, due_date="2026-01-05")
    assert "due_date" in exc.value.message_dict


def test_submission_on_time_late_and_missing_in_the_overview(w, media):
    r = _open(w)
    market = r.plans.get(agency=w["market"])
    env = r.plans.get(agency=w["env"])
    with frozen(dt.datetime(2026, 1, 20, 9, 0)):
        with pytest.raises(ValidationError) as exc:
            services.submit_plan(actor=w["officer"], plan=market)
        assert "document" in exc.value.message_dict
        services.attach_document(actor=w["officer"], plan=market, uploaded_file=_doc())
        with pytest.raises(ValidationError) as exc:
            services.submit_plan(actor=w["officer"], plan=market)
        assert "至少列出一项" in exc.value.messages[0]
        services.add_task(
            actor=w["officer"],
            plan=market,
            title="完善主动公开基本目录",
            owner=w["viewer"],
            due_date="2026-06-30",
        )
    # Mon 2026-02-02 17:30 is the last day: on time. Env submits on Tue 02-03: late.
    with frozen(dt.datetime(2026, 2, 2, 17, 30)):
        services.submit_plan(actor=w["officer"], plan=market, summary="五公开")
        assert selectors.overview(w["supervisor"], r)["totals"]["waiting"] == 1
    with frozen(dt.datetime(2026, 2, 3, 9, 0)):
        data = selectors.overview(w["supervisor"], r)
        assert [row.status for row in data["rows"]] == ["on_time", "missing"]
        services.add_task(
            actor=w["env_officer"],
            plan=env,
            title="环评信息公开",
            owner=w["env_editor"],
            due_date="2026-05-31",
        )
        services.submit_plan(actor=w["env_officer"], plan=env, uploaded_file=_doc())
    market.refresh_from_db()
    env.refresh_from_db()
    assert (market.late, env.late) == (False, True)
    assert market.clock.state == Clock.State.STOPPED and market.clock.met_deadline is True
    with frozen(dt.datetime(2026, 2, 3, 10, 0)):
        totals = selectors.overview(w["supervisor"], r)["totals"]
    assert (totals["on_time"], totals["late"], totals["missing"]) == (1, 1, 0)
    with pytest.raises(ValidationError):
        services.submit_plan(actor=w["officer"], plan=market)
    assert AuditEvent.objects.filter(action="workplans.plan.submit").count() == 2


def test_task_clock_overdue_done_and_duban_follow_up(w, media):
    r = _open(w)
    plan = r.plans.get(agency=w["market"])
    with frozen(dt.datetime(2026, 1, 6, 9, 0)):
        task = services.add_task(
            actor=w["officer"],
            plan=plan,
            title="建立政策解读机制",
            owner=w["viewer"],
            due_date="2026-03-31",
        )
        with pytest.raises(ValidationError) as exc:
            services.add_task(
                actor=w["officer"],
                plan=plan,
                title="x",
                owner=w["env_editor"],
                due_date="2026-03-31",
            )
        assert "owner" in exc.value.message_dict
        with pytest.raises(PermissionDenied):
            services.add_task(
                actor=w["env_officer"],
                plan=plan,
                title="x",
                owner=w["viewer"],
                due_date="2026-03-31",
            )
    assert task.clock.due_date == dt.date(2026, 3, 31) and task.clock.rule == "workplans.task"
    with frozen(dt.datetime(2026, 3, 31, 17, 0)):
        assert not selectors.is_overdue(task)
    with frozen(dt.datetime(2026, 4, 1, 9, 0)):
        assert selectors.is_overdue(task)
        rows = selectors.overview(w["supervisor"], r)["rows"]
        assert rows[0].overdue == 1
        assert list(selectors.overdue_tasks(w["supervisor"], r)) == [task]
        # 督查: a kernel 督办 order on the task. Issued Wed 04-01: Thu 04-02 wd 1, Fri 04-03
        # wd 2, 04-04..06 清明 off, Tue 04-07 wd 3 — the default 3 working days end 04-07.
        order = services.follow_up(
            actor=w["supervisor"], target=task, reason="任务逾期未完成，请说明原因"
        )
        assert (order.kind, order.agency, order.target) == ("workplan_task", w["market"], task)
        assert order.clock.due_date == dt.date(2026, 4, 7)
        assert selectors.overview(w["supervisor"], r)["rows"][0].open_orders == 1
        with pytest.raises(PermissionDenied):
            services.follow_up(actor=w["officer"], target=task, reason="x")
    # The owner (a drafter, no edit role) reports it done: the clock stops, late.
    with frozen(dt.datetime(2026, 4, 2, 9, 0)):
        with pytest.raises(PermissionDenied):
            services.complete_task(actor=w["env_officer"], task=task, result="已完成")
        services.complete_task(actor=w["viewer"], task=task, result="已印发解读工作办法")
    task.refresh_from_db()
    assert task.state == "done" and task.clock.met_deadline is False
    assert SupervisionOrder.objects.filter(kind="workplan_task").count() == 1


def test_agency_staff_see_only_their_agency(w):
    r = _open(w)
    market = r.plans.get(agency=w["market"])
    assert selectors.plan_for_staff(w["env_officer"], market.pk) is None
    assert selectors.plan_for_staff(w["viewer"], market.pk) == market
    assert [p.agency for p in selectors.plans_for_staff(w["env_officer"], r)] == [w["env"]]
    with frozen(dt.datetime(2026, 1, 6, 9, 0)):
        assert [row.plan.agency for row in selectors.overview(w["env_officer"], r)["rows"]] == [
            w["env"]
        ]
        told = services.remind(actor=w["supervisor"], round_=r)
    assert told == 2
    with pytest.raises(PermissionDenied):
        services.remind(actor=w["officer"], round_=r)
