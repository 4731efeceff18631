"""The 培训覆盖率 indicator: the training module's 3-year coverage at the period's end, the
untrained staff as the evidence against the agency (numbers worked out by hand)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from sunshine.assessment.scores.providers import Period, provider
from sunshine.assessment.training import services
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.kernel import UserFactory, staff_with

pytestmark = pytest.mark.django_db


def test_training_coverage_at_the_period_end(gov):
    market = gov["market"]
    officer = staff_with(Role.DISCLOSURE_OFFICER, market, display_name="公开办李")
    jia = UserFactory(agency=market, display_name="甲", email="jia@market.gov.cn")
    yi = UserFactory(agency=market, display_name="乙", email="yi@market.gov.cn")
    with frozen(dt.datetime(2023, 1, 3, 9, 0)):
        course = services.create_course(
            actor=gov["supervisor"],
            agency=gov["root"],
            title="政府信息公开条例解读",
            provider="省委党校",
            topic="依申请公开",
            hours="6",
        )

    def session(day):
        return services.create_session(
            actor=gov["supervisor"],
            course=course,
            organizer=gov["root"],
            agency=market,
            date=day,
            online=True,
        )

    # 2025's period ends 2025-12-31: its window is 2023-01-01 .. 2025-12-31. 甲 trained on
    # 2022-12-31 (one day too early), 乙 on 2023-01-01 (the window's first day), 李 in 2026
    # (after the period): of the five staff (陈法规, 王起草, 李, 甲, 乙) only 乙 counts.
    services.record_attendance(actor=officer, session=session(dt.date(2022, 12, 31)), person=jia)
    services.record_attendance(actor=officer, session=session(dt.date(2023, 1, 1)), person=yi)
    services.record_attendance(actor=officer, session=session(dt.date(2026, 3, 2)), person=officer)
    indicator = provider("training.coverage")
    measure = indicator.measure(
        market, Period(year=2025, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    )
    assert (measure.numerator, measure.denominator) == (1, 5)
    assert measure.value == Decimal("0.2000")
    against = {e.label for e in measure.evidence if e.flag}
    assert against == {"陈法规", "王起草", "公开办李", "甲"}
    assert all(
        e.url == reverse("workbench:training_person", args=[e.id.split(":")[1]])
        for e in measure.evidence
    )
