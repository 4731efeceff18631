"""The 工作计划 demo: the 2026 round with 广东省交通运输厅 on time and 广东省教育厅 late, an
overdue task under 督办; a second run adds nothing."""

import io

import pytest

from sunshine.assessment.workplans import selectors
from sunshine.assessment.workplans.models import PlanRound, PlanTask
from sunshine.demo import kernel_data
from sunshine.demo import workplans_data as demo
from sunshine.kernel.accounts.models import User
from sunshine.kernel.duban.models import SupervisionOrder

pytestmark = pytest.mark.django_db


def test_workplans_demo_once(media):
    kernel_data.load()
    demo.load(stdout=io.StringIO())
    round_ = PlanRound.objects.get(year=2026)
    supervisor = User.objects.get(email="supervisor@demo.gd.gov.cn")
    data = selectors.overview(supervisor, round_)
    status = {row.plan.agency.name: row.status for row in data["rows"]}
    assert status == {"广东省交通运输厅": "on_time", "广东省教育厅": "late"}
    assert data["totals"]["tasks_overdue"] >= 2  # 交通运输厅 06-30, 教育厅 09-01 (still open)
    assert SupervisionOrder.objects.filter(kind="workplan_task").count() == 1
    demo.load(stdout=io.StringIO())
    assert PlanRound.objects.count() == 1 and PlanTask.objects.count() == 4
