"""The staff list's "overdue" filter reads the clocks through kernel deadlines: an event is
listed when any of its open clocks is overdue now, whether or not the sweep has stored it.

A major emergency first seen at T0 (2026-07-01 08:00) runs two clocks in hours from T0: first
authoritative information by 13:00 (5 h) and a press conference by 07-02 08:00 (24 h)."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.deadlines.models import Clock
from sunshine.participation.opinion import selectors
from sunshine.testing.factories.opinion import T0, event

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def test_overdue_filter_is_live_and_looks_at_every_open_clock(opinion_people):
    with clock.frozen(T0 + H):
        major = event(opinion_people)
        event(opinion_people, title="一般热点", level="hot_issue")  # 48 h: not overdue at T0 + 6 h
    supervisor = opinion_people["supervisor"]
    with clock.frozen(T0 + 4 * H):
        assert list(selectors.staff_events(supervisor, overdue=True)) == []
    with clock.frozen(T0 + 6 * H):
        # no sweep ran: the first-response clock still stores what it had at the start
        stored = Clock.objects.get(object_id=major.pk, rule="opinion.major_first_response")
        assert stored.urgency != "overdue"
        # the press conference clock (24 h, the newer one) is not overdue; the 5 h one is
        assert list(selectors.staff_events(supervisor, overdue=True)) == [major]
