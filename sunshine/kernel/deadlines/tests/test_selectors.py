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
    with clock.frozen(D(2026, 10, 29)):
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
    with clock.frozen(D(2026, 10, 29)):
        services.pause_clock(clock=clocks["late"], actor=None, reason="第三方意见")
        counts = selectors.clock_counts_for_user(user)
    assert counts == {
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
    # the calendar version (for the live ranking, then for the time left), the clocks, the
    # objects (one content type)
    assert len(context) == 4


def test_the_dashboard_is_live_when_the_sweep_has_not_run(province):
    """foi.correction_notice (7 wd) started 09-30: 10-08, 10-09, 10-10, 10-12, 10-13, 10-14,
    10-15 → due 10-15; disclosure.publish (20 wd) from 09-30 → due 11-03. No sweep runs: both
    store "on_time" from their start. On 10-16 the first is overdue; on 10-29 the second has
    10-30, 11-02, 11-03 = 3 wd left: due soon."""
    transport = province["transport"]
    with clock.frozen(D(2026, 9, 30)):
        notice = services.start_clock(obj=transport, rule="foi.correction_notice")
        publish = services.start_clock(obj=transport, rule="disclosure.publish")
    user = staff_with("drafter", transport)
    with clock.frozen(D(2026, 10, 29)):
        ordered = list(selectors.clocks_for_user(user))
        counts = selectors.clock_counts_for_user(user)
    assert [c.urgency for c in ordered] == ["on_time", "on_time"]  # stored, stale
    assert ordered == [notice, publish]
    assert [c.urgency_rank for c in ordered] == [0, 1]
    with clock.frozen(D(2026, 10, 29)):
        listed = selectors.with_time_left(ordered)  # the list and detail pages
    assert [(c.urgency, c.stored_urgency) for c in listed] == [
        ("overdue", "on_time"),
        ("due_soon", "on_time"),
    ]
    assert (counts["overdue"], counts["due_soon"], counts["on_time"]) == (1, 1, 0)
    with clock.frozen(D(2026, 10, 1)):
        counts = selectors.clock_counts_for_user(user)
    assert (counts["overdue"], counts["due_soon"], counts["on_time"]) == (0, 0, 2)
