"""政务公开培训 in the workbench: coverage (untrained flagged), a course and a session created
through the forms (a refused form keeps what was typed), attendance recorded, a CSV 签到表
imported (its job page lists the bad lines), the person record; scope."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunshine.assessment.training.models import Attendance, Course, Session
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.kernel import UserFactory, staff_with

pytestmark = pytest.mark.django_db


def test_training_pages_from_course_to_coverage(client, gov, media):
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["market"], display_name="公开办李")
    jia = UserFactory(agency=gov["market"], display_name="甲", email="jia@m.gov.cn")
    client.force_login(officer)
    bad = client.post(
        reverse("workbench:training_course_new"),
        {
            "agency": gov["market"].pk,
            "title": "条例解读",
            "provider": "党校",
            "topic": "",
            "hours": "x",
        },
    )
    assert bad.status_code == 200 and "条例解读" in bad.content.decode()
    assert "请填写专题" in bad.content.decode()
    client.post(
        reverse("workbench:training_course_new"),
        {
            "agency": gov["market"].pk,
            "title": "条例解读",
            "provider": "党校",
            "topic": "公开",
            "hours": "4",
        },
    )
    course = Course.objects.get()
    response = client.post(
        reverse("workbench:training_session_new"),
        {"course": course.pk, "organizer": gov["market"].pk, "agency": gov["market"].pk,
         "date": "2026-05-20", "place": "三楼会议室", "hours": ""},
    )  # fmt: skip
    session = Session.objects.get()
    assert response.status_code == 302 and session.hours == 4
    url = reverse("workbench:training_session", args=[session.pk])
    client.post(
        reverse("workbench:training_record", args=[session.pk]),
        {"person": jia.pk, "status": "attended", "hours": "3", "certificate": "C-1"},
    )
    assert Attendance.objects.get().hours == 3
    csv = "邮箱,学时\njia@m.gov.cn,9\nnobody@m.gov.cn,1\n".encode()
    response = client.post(
        reverse("workbench:training_import", args=[session.pk]),
        {"file": SimpleUploadedFile("签到表.csv", csv, "text/csv")},
    )
    assert response.status_code == 302
    job_page = client.get(response["Location"]).content.decode()
    assert "第 2 行" in job_page or "2" in job_page
    assert "没有使用该邮箱" in job_page and "学时不能超过" in job_page
    assert "甲" in client.get(url).content.decode()
    with frozen(dt.datetime(2026, 12, 7, 9, 0)):
        page = client.get(reverse("workbench:training_index")).content.decode()
        assert "广东省市场监督管理局" in page and "人未培训" in page
        page = client.get(reverse("workbench:training_coverage", args=[gov["market"].pk]))
        html = page.content.decode()
        assert "近 3 年未参加培训" in html and "公开办李" in html
        person = client.get(reverse("workbench:training_person", args=[jia.pk])).content.decode()
        assert "有效至 2029-05-19" in person and "C-1" in person
    # Another agency's officer sees neither the session nor the people.
    client.force_login(staff_with(Role.DISCLOSURE_OFFICER, gov["env"]))
    assert client.get(url).status_code == 404
    assert client.get(reverse("workbench:training_person", args=[jia.pk])).status_code == 404
