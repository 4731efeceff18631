import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunshine.kernel import clock
from sunshine.kernel.deadlines import selectors, services
from sunshine.testing.factories import staff_with

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def clocks(province):
    """Three clocks of the transport department and one of the city, seen on 2026-10-29."""
    transport, city = province["transport"], province["city"]
    with clock.frozen(D(2026, 9, 30)):
        reply = services.start_clock(obj=transport, rule="foi.reply")  # due 11-03
        publish = services.start_clock(obj=transport, rule="disclosure.publish")  # due 11-03
        notice = services.start_clock(obj=transport, rule="foi.correction_notice")  # due 10-15
        theirs = services.start_clock(obj=city, rule="foi.reply")
    with clock.frozen(D(2026, 10, 14)):
        late = services.start_clock(obj=transport, rule="foi.third_party")  # due 11-04
    with clock.frozen(D(2026, 10, 29)):
        from sunshine.kernel.deadlines.sweep import sweep_open_clocks

        sweep_open_clocks()
    return locals()


def test_a_user_sees_only_the_clocks_of_their_agency_subtree(province, clocks):
    transport_staff = staff_with("drafter", province["transport"])
    city_staff = staff_with("drafter", province["city"])
    root_staff = staff_with("drafter", province["root"])
    supervisor = staff_with("supervisor", province["office"])
    assert clocks["theirs"] not in selectors.clocks_for_user(transport_staff)
    assert list(selectors.clocks_for_user(city_staff)) == [clocks["theirs"]]
    assert len(selectors.clocks_for_user(root_staff)) == 5
    assert len(selectors.clocks_for_user(supervisor)) == 5
    assert list(selectors.clocks_for_user(root_staff, agency=province["city"])) == [
        clocks["theirs"]
    ]
    citizen_like = staff_with("drafter", province["county"])
    assert list(selectors.clocks_for_user(citizen_like)) == []


def test_open_clocks_ordered_overdue_then_due_soon_then_earliest(province, clocks):
    user = staff_with("drafter", province["transport"])
    ordered = list(selectors.clocks_for_user(user))
    assert ordered[0] == clocks["notice"]  # overdue since 10-16
    assert [c.urgency for c in ordered] == ["overdue", "due_soon", "due_soon", "on_time"]
    assert ordered[-1] == clocks["late"]
    assert list(selectors.clocks_for_user(user, limit=2)) == ordered[:2]
    with clock.frozen(D(2026, 10, 29)):
        left = [c.time_left for c in selectors.with_time_left(ordered)]
    assert left == [-10, 3, 3, 4]


def test_counts_for_the_dashboard(province, clocks):
    user = staff_with("drafter", province["transport"])
    services.pause_clock(clock=clocks["late"], actor=None, reason="第三方意见")
    assert selectors.clock_counts_for_user(user) == {
        "overdue": 1,
        "due_soon": 2,
        "on_time": 0,
        "paused": 1,
        "total": 4,
    }


def test_list_query_count_does_not_grow_with_clocks(province, clocks):
    user = staff_with("drafter", province["root"])
    list(selectors.clocks_for_user(user))  # the user's grants are read once and kept
    with CaptureQueriesContext(connection) as context:
        listed = selectors.with_time_left(selectors.clocks_for_user(user))
        assert [c.title for c in listed]  # the objects are prefetched
    # the calendar version, the clocks, the objects (one content type)
    assert len(context) == 3
