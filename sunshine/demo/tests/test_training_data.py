"""The 政务公开培训 demo: courses, a year of sessions, 广东省交通运输厅 fully trained and
广东省教育厅 with two untrained staff flagged; a second run adds nothing."""

import io

import pytest

from sunshine.assessment.training import selectors
from sunshine.assessment.training.models import Attendance, Course, Session
from sunshine.demo import kernel_data
from sunshine.demo import training_data as demo
from sunshine.kernel import clock
from sunshine.kernel.orgs.models import Agency

pytestmark = pytest.mark.django_db


def test_training_demo_once():
    kernel_data.load()
    demo.load(stdout=io.StringIO())
    assert Course.objects.count() == 3 and Session.objects.count() == 4
    today = clock.today()
    assert all((today - s.date).days <= 365 for s in Session.objects.all())
    transport = selectors.coverage(Agency.objects.get(name="广东省交通运输厅"), today)
    assert transport.staff > 0 and transport.complete
    education = selectors.coverage(Agency.objects.get(name=demo.EDUCATION), today)
    assert (education.staff, education.trained) == (3, 1)
    assert {p.name for p in education.untrained} == {"吴科员", "郑科员"}
    before = Attendance.objects.count()
    demo.load(stdout=io.StringIO())
    assert Course.objects.count() == 3 and Attendance.objects.count() == before
