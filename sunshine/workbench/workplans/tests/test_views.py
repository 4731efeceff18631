"""工作计划 in the workbench: the general office opens a round, an agency adds a task, uploads
the document and submits, the overview shows it; 督办 links; scope."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunshine.assessment.workplans.models import PlanRound, WorkPlan
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.kernel import staff_with

pytestmark = pytest.mark.django_db


def test_round_plan_and_overview_pages(client, gov, media):
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["market"], display_name="公开办李")
    with frozen(dt.datetime(2026, 1, 5, 9, 0)):
        client.force_login(gov["supervisor"])
        url = reverse("workbench:workplans_round_new")
        assert client.get(url).status_code == 200
        bad = client.post(url, {"year": "2026", "due_date": "", "note": "按时报送"})
        assert bad.status_code == 200 and "请填写有效日期" in bad.content.decode()
        assert "按时报送" in bad.content.decode()
        response = client.post(
            url,
            {
                "year": "2026",
                "due_date": "2026-01-31",
                "agencies": [gov["market"].pk, gov["env"].pk],
            },
        )
        round_ = PlanRound.objects.get()
        assert response.status_code == 302 and round_.effective_due == dt.date(2026, 2, 2)
        plan = WorkPlan.objects.get(agency=gov["market"])
        client.force_login(officer)
        dashboard = client.get(reverse("workbench:dashboard")).content.decode()
        assert "报送工作计划" in dashboard  # the workbench queue
        act = lambda name, data: client.post(  # noqa: E731
            reverse("workbench:workplans_act", args=[plan.pk, name]), data
        )
        refused = act("submit", {"summary": "要点"})
        assert refused.status_code == 422 and "请上传工作计划文件" in refused.content.decode()
        act("task", {"title": "目录审查", "owner": gov["viewer"].pk, "due_date": "2026-03-31"})
        act("document", {"document": SimpleUploadedFile("计划.txt", "计划".encode(), "text/plain")})
        assert act("submit", {"summary": "要点"}).status_code == 302
        plan.refresh_from_db()
        assert plan.state == "submitted" and not plan.late
        # The env officer cannot open the market's plan.
        client.force_login(staff_with(Role.DISCLOSURE_OFFICER, gov["env"]))
        assert client.get(reverse("workbench:workplans_plan", args=[plan.pk])).status_code == 404
    with frozen(dt.datetime(2026, 4, 1, 9, 0)):
        client.force_login(gov["supervisor"])
        html = client.get(reverse("workbench:workplans_round", args=[round_.pk])).content.decode()
        assert "按时报送" in html and "逾期未报" in html and "目录审查" in html
        env_plan = WorkPlan.objects.get(agency=gov["env"])
        assert f"kind=workplan&amp;id={env_plan.pk}" in html  # 督办 the missing plan
        task = plan.tasks.get()
        assert f"kind=workplan_task&amp;id={task.pk}" in html  # 督办 the overdue task
        duban = client.get(
            reverse("workbench:oversight_new"), {"kind": "workplan_task", "id": task.pk}
        )
        assert duban.status_code == 200 and "目录审查" in duban.content.decode()
        # The task's owner records it done from the plan page.
        client.force_login(gov["viewer"])
        response = client.post(
            reverse("workbench:workplans_task_done", args=[task.pk]),
            {f"t{task.pk}-result": "已完成"},
        )
        assert response.status_code == 302
        task.refresh_from_db()
        assert task.state == "done"
