import datetime as dt

import pytest

from sunshine.kernel.duban.services import issue_order
from sunshine.kernel.ratings.models import RectificationCase
from sunshine.kernel.ratings.selectors import satisfaction_summary
from sunshine.servicehall.supervision import selectors
from sunshine.servicehall.supervision.period import Period, parse_period, preset_period
from sunshine.servicehall.supervision.scope import scope_for
from sunshine.servicehall.supervision.stats import percentile
from sunshine.testing.factories import staff_with

pytestmark = pytest.mark.django_db
MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_dashboard_numbers_by_hand(province, supervision_hall, supervision_now):
    supervisor = staff_with("supervisor", province["office"])
    board = selectors.dashboard(scope_for(supervisor), MARCH)
    [row] = board.rows
    assert row.agency_id == province["transport"].pk
    assert (row.received, row.corrected, row.completed) == (5, 1, 3)
    assert row.correction_rate == pytest.approx(0.2)
    assert (row.clocked, row.on_time) == (3, 2)
    assert row.on_time_rate == pytest.approx(2 / 3)
    assert dict(row.handling) == {4: 1, 12: 1, 2: 1}
    assert row.average_days == pytest.approx(6.0)
    assert row.p90_days == 12
    assert (row.ratings, row.bad_ratings) == (2, 1)
    assert row.satisfaction_rate == pytest.approx(0.5)
    assert row.open_cases == RectificationCase.objects.filter(state="open").count()
    # D: its review and total clocks ran out (counted once); A, B, C: 办结 but not 送达 within
    # the 3 wd of service.deliver.
    assert row.red == 4
    assert board.total.received == 5 and board.total.satisfaction_rate == pytest.approx(0.5)
    summary = satisfaction_summary(kind="service_application", since=MARCH.since, until=MARCH.until)
    assert (board.total.ratings, board.total.bad_ratings) == (summary["total"], summary["bad"])
    # Another period sees nothing received.
    april = selectors.dashboard(
        scope_for(supervisor), Period(dt.date(2026, 4, 1), supervision_now.date())
    )
    assert april.total.received == 0 and april.total.red == 4


def test_overdue_list_with_step_days_and_order(province, supervision_hall, supervision_now):
    supervisor = staff_with("supervisor", province["office"])
    scope = scope_for(supervisor)
    rows = selectors.overdue_rows(selectors.overdue_clocks(scope))
    assert {r.application.number for r in rows} == {supervision_hall[k].number for k in "abcd"}
    assert {r.clock.rule for r in rows if r.application == supervision_hall["a"]} == {
        "service.deliver"
    }
    steps = {r.clock.rule: r for r in rows if r.application == supervision_hall["d"]}
    assert set(steps) == {"service.review", "service.total"}
    review = steps["service.review"]
    # accepted Tue 10 Mar: 5 wd → due Tue 17 Mar; by Wed 15 Apr (清明 holiday Mon 6 Apr... the
    # official calendar counts) the working days after the due date:
    from sunshine.kernel.workcalendar import calendar

    expected = calendar.workdays_between(dt.date(2026, 3, 17), dt.date(2026, 4, 15))[0]
    assert review.days_overdue == expected and expected > 15
    assert not review.has_open_order
    issue_order(
        target=supervision_hall["d"],
        agency=supervision_hall["d"].agency,
        actor=supervisor,
        reason="请尽快审查",
    )
    rows = selectors.overdue_rows(selectors.overdue_clocks(scope))
    assert {r.application.pk for r in rows if r.has_open_order} == {supervision_hall["d"].pk}
    board = selectors.dashboard(scope, MARCH)
    assert board.rows[0].open_orders == 1


def test_scope_agency_staff_see_only_theirs(province, supervision_hall, supervision_now):
    from sunshine.testing.factories.supervision import build_hall as build

    build(province["city"])
    transport_staff = staff_with("drafter", province["transport"])
    city_staff = staff_with("drafter", province["city"])
    supervisor = staff_with("supervisor", province["office"])
    mine = selectors.dashboard(scope_for(transport_staff), MARCH)
    assert {r.agency_id for r in mine.rows if r.received} == {province["transport"].pk}
    assert mine.total.received == 5
    city = selectors.dashboard(scope_for(city_staff), MARCH)
    assert {r.agency_id for r in city.rows if r.received} == {province["city"].pk}
    everyone = selectors.dashboard(scope_for(supervisor), MARCH)
    assert everyone.total.received == 10 and len(everyone.rows) == 2
    assert scope_for(transport_staff, agency=province["city"]) is None
    one = scope_for(supervisor, agency=province["city"])
    assert selectors.dashboard(one, MARCH).total.received == 5
    citizen = supervision_hall["a"].applicant
    assert scope_for(citizen) is None


def test_monthly_volume(province, supervision_hall, supervision_now):
    supervisor = staff_with("supervisor", province["office"])
    months = selectors.monthly_volume(scope_for(supervisor))
    assert len(months) == 12 and months[-1]["month"] == dt.date(2026, 4, 1)
    march = next(m for m in months if m["month"] == dt.date(2026, 3, 1))
    assert (march["received"], march["completed"]) == (5, 3)


def test_periods():
    p = preset_period("last_month", dt.date(2026, 1, 15))
    assert (p.since, p.until) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    q = preset_period("quarter", dt.date(2026, 5, 15))
    assert q.since == dt.date(2026, 4, 1)
    r = parse_period(since="2026-03-31", until="2026-03-01")
    assert (r.since, r.until) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert parse_period(since="garbage", until="").preset == "month"


def test_percentile_nearest_rank():
    from collections import Counter

    assert percentile(Counter({1: 9, 50: 1}), 90) == 1
    assert percentile(Counter({1: 8, 50: 2}), 90) == 50
    assert percentile(Counter(), 90) is None
