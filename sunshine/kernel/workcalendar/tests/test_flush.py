"""A flushed database (manage.py flush; the end of every transactional test) gets the shipped
calendar back, so that deadlines after it still know the 调休 days of the official notice."""

import datetime as dt

import pytest
from django.core.management import call_command

from sunshine.kernel.workcalendar import calendar as wc
from sunshine.kernel.workcalendar.models import CalendarYear


@pytest.mark.django_db(transaction=True)
def test_flush_puts_back_the_shipped_calendar():
    call_command("flush", interactive=False, verbosity=0)
    wc.forget_snapshot()
    assert CalendarYear.objects.filter(year=2026, loaded=True).exists()
    # By the 2026 notice: Sunday 20 September and Saturday 10 October are worked (调休) and
    # Tuesday 6 October is off; counting the statutory holidays alone gets all three wrong.
    assert wc.is_workday(dt.date(2026, 9, 20))
    assert wc.is_workday(dt.date(2026, 10, 10))
    assert not wc.is_workday(dt.date(2026, 10, 6))
    assert wc.is_workday(dt.date(2026, 10, 8))
    assert not wc.is_provisional(dt.date(2026, 10, 10))
