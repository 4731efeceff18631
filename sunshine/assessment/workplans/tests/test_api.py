"""The 工作计划 API: an agency officer adds a task and submits through the API (the document
uploaded first), the general office reads the overview; scope and refusals."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.assessment.workplans import services
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.kernel import staff_with

pytestmark = pytest.mark.django_db


def _key(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(actor=user, name='测试')[1]}"}


def test_plan_through_the_api(client, gov, media):
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["market"], display_name="公开办李")
    with frozen(dt.datetime(2026, 1, 5, 9, 0)):
        r = services.open_round(
            actor=gov["supervisor"], year=2026, due_date="2026-01-31", agencies=[gov["market"]]
        )
        plan = r.plans.get()
        me = _key(officer)
        url = f"/api/v1/workplans/plans/{plan.pk}"
        task = {"title": "目录审查", "owner_id": gov["env_editor"].pk, "due_date": "2026-03-31"}
        bad = client.post(url + "/tasks", task, content_type="application/json", **me)
        assert bad.status_code == 422  # the owner is not the market's staff
        task["owner_id"] = gov["viewer"].pk
        body = client.post(url + "/tasks", task, content_type="application/json", **me).json()
        assert body["tasks"][0]["title"] == "目录审查" and body["tasks"][0]["overdue"] is False
        refused = client.post(url + "/submit", {}, content_type="application/json", **me)
        assert refused.status_code == 422
        doc = SimpleUploadedFile("计划.txt", "计划".encode(), "text/plain")
        services.attach_document(actor=officer, plan=plan, uploaded_file=doc)
        body = client.post(
            url + "/submit", {"summary": "要点"}, content_type="application/json", **me
        ).json()
        assert body["state"] == "submitted" and body["status"] == "on_time"
        assert body["documents"] == ["计划.txt"]
        assert client.get(url, **_key(gov["env_editor"])).status_code == 404
        overview = client.get(
            f"/api/v1/workplans/rounds/{r.pk}/overview", **_key(gov["supervisor"])
        ).json()
        assert overview["effective_due"] == "2026-02-02"
        assert overview["totals"]["on_time"] == 1 and overview["rows"][0]["tasks"] == 1
