"""The 培训 API: coverage with the untrained listed, recording an attendance, a person's
record; scope."""

import datetime as dt

import pytest

from sunshine.assessment.training import services
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories.kernel import UserFactory, staff_with

pytestmark = pytest.mark.django_db


def _key(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(actor=user, name='测试')[1]}"}


def test_coverage_and_attendance_through_the_api(client, gov):
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["market"], display_name="公开办李")
    jia = UserFactory(agency=gov["market"], display_name="甲")
    course = services.create_course(
        actor=gov["supervisor"], agency=gov["root"], title="条例解读", provider="党校",
        topic="公开", hours="4",
    )  # fmt: skip
    session = services.create_session(
        actor=officer, course=course, organizer=gov["market"], agency=gov["market"],
        date=dt.date(2026, 5, 20), place="会议室",
    )  # fmt: skip
    me = _key(officer)
    url = f"/api/v1/training/sessions/{session.pk}/attendance"
    bad = client.post(
        url, {"person_id": jia.pk, "hours": "9"}, content_type="application/json", **me
    )
    assert bad.status_code == 422
    body = client.post(
        url, {"person_id": jia.pk, "hours": "3"}, content_type="application/json", **me
    ).json()
    assert body["total_hours"] == "3.0" and body["covered_until"] == "2029-05-19"
    cov = client.get(
        f"/api/v1/training/coverage/{gov['market'].pk}", {"on": "2026-12-07"}, **me
    ).json()
    assert (cov["staff"], cov["trained"], cov["start"]) == (4, 1, "2023-12-08")
    assert "甲" not in [p["name"] for p in cov["untrained"]]
    other = _key(gov["env_editor"])
    assert client.get(f"/api/v1/training/people/{jia.pk}", **other).status_code == 404
    assert (
        client.post(
            url, {"person_id": jia.pk}, content_type="application/json", **other
        ).status_code
        == 404
    )
