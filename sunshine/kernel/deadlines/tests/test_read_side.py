"""The read side of "the running clock": open_clock, with_open_clock, live_urgency and
filter_urgency, on the real 2026 calendar (dates counted by hand below).

2026 around National Day: 09-25..27 off (中秋), 09-28 Mon, 09-29 Tue, 09-30 Wed working;
10-01..10-07 off; 10-08 Thu, 10-09 Fri working; 10-10 Sat a make-up working day; 10-11 Sun off;
10-12 Mon working.
A 5-wd clock (message.reply) started 2026-09-28 counts from the day after: 09-29 (1),
09-30 (2), [10-01..10-07 off], 10-08 (3), 10-09 (4), 10-10 Sat make-up (5): due 2026-10-10
23:59:59, not 10-09.
Due soon = at most 3 wd left (settings.DEADLINE_DUE_SOON_WD), counting the working days after
"today" up to the due day:
- 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 = 5 → on time;
- 09-29: 09-30, 10-08, 10-09, 10-10 = 4 → on time;
- 09-30: 10-08, 10-09, 10-10 = 3 → due soon (already before the holiday);
- 10-06 (a holiday): 10-08, 10-09, 10-10 = 3 → due soon;
- 10-10 09:00: 0 left → due soon; 10-11 09:00: past 10-10 23:59:59 → overdue.

Spring Festival 2026: 02-14 Sat make-up working day, 02-15..02-23 off, 02-24 Tue working.
A 5-wd clock started 2026-02-12 (Thu): 02-13 Fri (1), 02-14 Sat make-up (2), 02-24 (3), 02-25 (4),
02-26 (5): due 2026-02-26. On 02-13: 02-14, 02-24, 02-25, 02-26 = 4 → on time; on 02-14:
02-24, 02-25, 02-26 = 3 → due soon; on 02-20 (holiday): the same 3 → due soon."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.deadlines import selectors, services
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.orgs.models import Agency
from sunshine.testing.factories import AgencyFactory

D = dt.date
pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


SEP28 = D(2026, 9, 28)


def start(obj, rule="message.reply", on=SEP28):
    with clock.frozen(on):
        return services.start_clock(obj=obj, rule=rule)


def row(obj, moment, rule="message.reply"):
    qs = selectors.with_open_clock(Agency.objects.filter(pk=obj.pk), rule)
    return selectors.live_urgency(qs, at=moment)[0]


def test_open_clock_is_the_running_or_paused_clock_of_the_rule(province):
    agency = province["transport"]
    assert selectors.open_clock(agency, "message.reply") is None
    first = start(agency)
    other = start(agency, rule="foi.reply")
    assert selectors.open_clock(agency, "message.reply") == first
    assert selectors.open_clock(agency, ["message.reply", "foi.reply"]) in (first, other)
    with clock.frozen(D(2026, 9, 29)):
        services.pause_clock(clock=first, actor=None, reason="补正")
    assert selectors.open_clock(agency, "message.reply") == first
    with clock.frozen(D(2026, 9, 29)):
        services.stop_clock(clock=first, actor=None)
    assert selectors.open_clock(agency, "message.reply") is None
    second = start(agency, on=D(2026, 9, 30))
    # several rules: the newest open clock among them
    assert selectors.open_clock(agency, ["message.reply", "foi.reply"]) == second
    assert selectors.open_clock(agency, ("foi.reply",)) == other


def test_a_5_wd_clock_over_national_day(province):
    agency = province["transport"]
    started = start(agency)
    assert timezone.localtime(started.due_at) == at(D(2026, 10, 10), 23, 59).replace(second=59)
    expected = {
        at(D(2026, 9, 28), 10): "on_time",  # 5 left
        at(D(2026, 9, 29)): "on_time",  # 4 left
        at(D(2026, 9, 30)): "due_soon",  # 3 left
        at(D(2026, 10, 6)): "due_soon",  # holiday; 3 left
        at(D(2026, 10, 10)): "due_soon",  # the due day, 0 left
        at(D(2026, 10, 10), 23, 59): "due_soon",
        at(D(2026, 10, 11)): "overdue",
    }
    for moment, urgency in expected.items():
        r = row(agency, moment)
        assert (r.clock_urgency, r.clock_state, r.clock_unit, r.clock_rule) == (
            urgency,
            "running",
            "wd",
            "message.reply",
        ), moment
        assert timezone.localdate(r.clock_due_at) == D(2026, 10, 10)
        found = selectors.filter_urgency(Agency.objects.all(), urgency, "message.reply", at=moment)
        assert list(found) == [agency], moment
    # a threshold of 4 wd makes 09-29 (4 left) due soon as well
    with override_settings(DEADLINE_DUE_SOON_WD=4):
        assert row(agency, at(D(2026, 9, 29))).clock_urgency == "due_soon"
        assert row(agency, at(D(2026, 9, 28), 10)).clock_urgency == "on_time"


def test_a_5_wd_clock_over_spring_festival(province):
    agency = province["transport"]
    started = start(agency, on=D(2026, 2, 12))
    assert started.due_date == D(2026, 2, 26)
    assert row(agency, at(D(2026, 2, 13))).clock_urgency == "on_time"  # 4 left
    assert row(agency, at(D(2026, 2, 14))).clock_urgency == "due_soon"  # make-up day, 3 left
    assert row(agency, at(D(2026, 2, 20))).clock_urgency == "due_soon"  # holiday, 3 left
    assert row(agency, at(D(2026, 2, 27))).clock_urgency == "overdue"


def test_due_soon_limits_by_hand():
    """The first moment that is on time again: (T + 1)-th working day after today."""
    from sunshine.kernel.workcalendar.calendar import current_calendar

    cal = current_calendar()
    # 09-30 + 4 wd: 10-08, 10-09, 10-10, 10-12
    limit = selectors.due_soon_limit(cal, unit="wd", threshold=3, at=at(D(2026, 9, 30)))
    assert limit == at(D(2026, 10, 12), 0)
    # 10-09 (Fri) + 4 wd: 10-10 (Sat, make-up), 10-12, 10-13, 10-14
    limit = selectors.due_soon_limit(cal, unit="wd", threshold=3, at=at(D(2026, 10, 9)))
    assert limit == at(D(2026, 10, 14), 0)
    # days: 30 days rule, 3 days left at most: 10-01 + 4 days = 10-05
    limit = selectors.due_soon_limit(None, unit="days", threshold=3, at=at(D(2026, 10, 1)))
    assert limit == at(D(2026, 10, 5), 0)
    # hours: 12 h left at most means less than 13 h
    moment = at(D(2026, 10, 1), 14, 30)
    limit = selectors.due_soon_limit(None, unit="hours", threshold=12, at=moment)
    assert limit == moment + dt.timedelta(hours=13)


def test_paused_keeps_the_stored_urgency_and_stopped_or_none_is_none(province):
    paused, stopped, bare = province["transport"], province["city"], province["county"]
    clock_p = start(paused)
    start(stopped)
    with clock.frozen(D(2026, 9, 29)):
        services.pause_clock(clock=clock_p, actor=None, reason="补正")
        services.stop_clock(clock=selectors.open_clock(stopped, "message.reply"), actor=None)
    late = at(D(2026, 12, 1))  # long after the due date
    rows = selectors.live_urgency(
        selectors.with_open_clock(Agency.objects.filter(pk__in=[paused.pk, stopped.pk, bare.pk]),
                                  "message.reply").order_by("pk"),
        at=late,
    )  # fmt: skip
    urgency = {r.pk: (r.clock_state, r.clock_urgency) for r in rows}
    assert urgency == {
        paused.pk: ("paused", "on_time"),  # stored when it was paused
        stopped.pk: (None, None),
        bare.pk: (None, None),
    }
    on_time = selectors.filter_urgency(Agency.objects.all(), "on_time", "message.reply", at=late)
    assert list(on_time) == [paused]
    overdue = selectors.filter_urgency(Agency.objects.all(), "overdue", "message.reply", at=late)
    assert list(overdue) == []


def test_stale_stored_urgency_is_not_what_a_page_shows(province):
    """The sweep has not run since the start (stored "on_time"): a page still says overdue."""
    agency = province["transport"]
    started = start(agency)
    started.refresh_from_db()
    assert started.urgency == "on_time"
    with clock.frozen(D(2026, 10, 12)):
        r = selectors.live_urgency(selectors.with_open_clock(Agency.objects.all(), "message.reply"))
        mine = next(x for x in r if x.pk == agency.pk)
        assert (mine.clock_urgency_stored, mine.clock_urgency) == ("on_time", "overdue")
        assert list(selectors.filter_urgency(Agency.objects.all(), "overdue", "message.reply")) == [
            agency
        ]


def test_a_page_is_one_query_and_one_calendar_read(province):
    agencies = [province[k] for k in ("transport", "city", "county", "office")]
    for a in agencies:
        start(a)
    qs = selectors.with_open_clock(Agency.objects.all(), "message.reply").order_by(
        "clock_due_at", "pk"
    )
    with CaptureQueriesContext(connection) as context:
        rows = selectors.live_urgency(qs, at=at(D(2026, 9, 30)))
    assert len(rows) == 5 and len(context) == 2  # the rows; the calendar's version
    assert [r.clock_urgency for r in rows].count("due_soon") == 4
    # hours and days clocks need no calendar
    qs = selectors.with_open_clock(Agency.objects.all(), "message.reply")
    with CaptureQueriesContext(connection) as context:
        selectors.live_urgency(qs.filter(pk=province["root"].pk), at=at(D(2026, 9, 30)))
    assert len(context) == 1


RULES = ["message.reply", "foi.reply", "decision.comment_period", "opinion.hot_issue"]


def test_filter_urgency_agrees_with_live_urgency_on_random_clocks(province):
    """Random clocks of every unit (wd, days, hours) started around Spring Festival and National
    Day 2026, some paused, some stopped, some on other objects' ids; for random moments the
    SQL filter and the page's computation give the same rows."""
    rng = random.Random(20261001)
    holders = [AgencyFactory(parent=province["root"]) for _ in range(40)]
    windows = [(D(2026, 2, 1), 30), (D(2026, 9, 15), 30)]
    for holder in holders:
        first, span = rng.choice(windows)
        begun = at(first + dt.timedelta(days=rng.randrange(span)), rng.randrange(24), 7)
        rule = rng.choice(RULES)
        with clock.frozen(begun):
            c = services.start_clock(obj=holder, rule=rule)
        fate = rng.random()
        later = begun + dt.timedelta(hours=rng.randrange(1, 200))
        with clock.frozen(later):
            if fate < 0.2:
                services.pause_clock(clock=c, actor=None, reason="补正")
            elif fate < 0.3:
                services.stop_clock(clock=c, actor=None)
            elif fate < 0.4:  # a stopped clock and a newer one of another rule
                services.stop_clock(clock=c, actor=None)
                services.start_clock(obj=holder, rule=rng.choice(RULES))
        if fate > 0.9:
            from sunshine.kernel.deadlines.sweep import sweep_open_clocks

            with clock.frozen(later):
                sweep_open_clocks()
    ids = [h.pk for h in holders]
    moments = [at(D(2026, 2, 10) + dt.timedelta(days=rng.randrange(40)), rng.randrange(24))]
    moments += [
        at(D(2026, 9, 20) + dt.timedelta(days=rng.randrange(40)), rng.randrange(24), 30)
        for _ in range(11)
    ]
    seen = set()
    for moment in moments:
        base = Agency.objects.filter(pk__in=ids)
        rows = selectors.live_urgency(selectors.with_open_clock(base, RULES), at=moment)
        live = {r.pk: r.clock_urgency for r in rows}
        for urgency in ("overdue", "due_soon", "on_time"):
            sql = set(
                selectors.filter_urgency(base, urgency, RULES, at=moment).values_list(
                    "pk", flat=True
                )
            )
            assert sql == {pk for pk, u in live.items() if u == urgency}, (moment, urgency)
            seen |= {(urgency, r.clock_unit) for r in rows if r.clock_urgency == urgency}
        # and the stored urgency of a running clock is what the sweep would compute
        for r in rows:
            if r.clock_state == "running":
                c = Clock(
                    rule=r.clock_rule, unit=r.clock_unit, due_at=r.clock_due_at, state="running"
                )
                assert services.current_urgency(c, _cal(), moment) == r.clock_urgency
    # the draw covered every urgency in working days, and clocks of the other units
    assert {("overdue", "wd"), ("due_soon", "wd"), ("on_time", "wd")} <= seen
    assert {u for _urgency, u in seen} == {"wd", "days", "hours"}


def _cal():
    from sunshine.kernel.workcalendar.calendar import current_calendar

    return current_calendar()


def test_unknown_urgency_or_no_rule_is_an_error(province):
    with pytest.raises(ValueError):
        selectors.filter_urgency(Agency.objects.all(), "late", "message.reply")
    with pytest.raises(ValueError):
        selectors.with_open_clock(Agency.objects.all(), [])


def test_with_open_clock_can_annotate_the_due_time_only(province):
    start(province["transport"])
    qs = selectors.with_open_clock(Agency.objects.all(), "message.reply", fields=["due_at"])
    assert set(qs.query.annotations) == {"clock_due_at"}
    row = qs.get(pk=province["transport"].pk)
    assert timezone.localdate(row.clock_due_at) == D(2026, 10, 10)
    with pytest.raises(ValueError):
        selectors.with_open_clock(Agency.objects.all(), "message.reply", fields=["due"])
