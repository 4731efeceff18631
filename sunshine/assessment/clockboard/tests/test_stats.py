"""kernel/deadlines/stats.py against the numbers worked out by hand in handworked.py."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.deadlines import services, stats
from sunshine.kernel.deadlines.models import ClockDailyFact
from sunshine.kernel.deadlines.selectors import clocks_in_urgency

from .handworked import NOW, build_clocks

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def clocks(province):
    return build_clocks(province)


def by_rule(rows):
    return {r.rule: r for r in rows}


@pytest.mark.parametrize("live", [True, False])
def test_hand_worked_numbers(clocks, live):
    assert (clocks["a"].met_deadline, clocks["b"].met_deadline, clocks["c"].met_deadline) == (
        True,
        False,
        True,
    )
    if not live:
        stats.refresh_facts()
    with clock.frozen(NOW):
        rows = by_rule(stats.clock_stats(group_by=("rule",), live=live))
    foi = rows["foi.reply"]
    assert (foi.finished, foi.on_time, foi.late) == (3, 2, 1)
    assert foi.on_time_percent == 66.7
    assert foi.histogram == {4: 2, 22: 1}
    assert (foi.median_wd, foi.p90_wd) == (4, 22)
    assert (foi.overdue, foi.running, foi.paused) == (1, 2, 1)
    assert str(foi.rule_label) == "依申请公开答复"
    msg = rows["message.reply"]
    assert (msg.finished, msg.on_time, msg.median_wd, msg.p90_wd, msg.overdue) == (1, 1, 1, 1, 0)


def test_facts_equal_live_and_follow_new_stops(clocks):
    first = stats.refresh_facts()
    assert first["full"] and ClockDailyFact.objects.count() == 4  # 10-12, 11-05, 10-13, 10-10
    assert stats.built_at() is not None
    with clock.frozen(NOW):
        f = clocks["f"]
        services.stop_clock(clock=f, actor=None)  # 11-18 → 11-20: 11-19, 11-20 = 2 wd
    again = stats.refresh_facts()
    # the days of the clocks stopped since the last run (all of them, saved seconds ago, are
    # within the job's margin) are counted again
    assert not again["full"] and again["days"] == 5
    with clock.frozen(NOW):
        facts = by_rule(stats.clock_stats(group_by=("rule",)))
        live = by_rule(stats.clock_stats(group_by=("rule",), live=True))
    for name in ("foi.reply", "message.reply"):
        assert facts[name].histogram == live[name].histogram
        assert (facts[name].finished, facts[name].on_time) == (
            live[name].finished,
            live[name].on_time,
        )
    assert facts["foi.reply"].histogram == {2: 1, 4: 2, 22: 1}
    assert facts["foi.reply"].median_wd == 4.0  # 2, 4, 4, 22: (4 + 4) / 2
    assert facts["foi.reply"].running == 1


def test_period_agency_subtree_and_module(clocks):
    stats.refresh_facts()
    transport, root, city = clocks["transport"], clocks["root"], clocks["city"]
    with clock.frozen(NOW):
        october = stats.clock_stats(
            start=D(2026, 10, 13), end=D(2026, 10, 31), group_by=("rule",), rules=["foi.reply"]
        )
        assert [(r.finished, r.median_wd) for r in october] == [(1, 4)]  # C only
        mine = stats.clock_stats(agencies=[city], group_by=("agency", "module"))
        assert [(r.agency_name, r.module, r.finished) for r in mine] == [
            ("广州市人民政府", "messages", 1)
        ]
        rolled = stats.clock_stats(agencies=[root], subtree=True, group_by=("agency",))
        assert [(r.agency_id, r.finished, r.overdue) for r in rolled] == [(root.pk, 4, 1)]
        alone = stats.clock_stats(agencies=[root], group_by=("agency",))
        assert alone == []
        foi = stats.clock_stats(modules=["foi"], group_by=("module",))
        assert [(r.module, str(r.module_label), r.finished) for r in foi] == [
            ("foi", "依申请公开", 3)
        ]
        months = stats.clock_stats(agencies=[transport], group_by=("month",))
        assert [(r.month, r.finished, r.overdue) for r in months] == [
            (D(2026, 10, 1), 2, None),
            (D(2026, 11, 1), 1, None),
        ]
        total = stats.totals(stats.clock_stats(group_by=("agency", "rule")))
        assert (total.finished, total.on_time, total.overdue, total.running) == (4, 3, 1, 2)


def test_drill_down_and_overdue_definition(clocks):
    with clock.frozen(NOW):
        late = stats.clocks_behind("late", rules=["foi.reply"])
        assert list(late) == [clocks["b"]]
        overdue = stats.clocks_behind("overdue", agencies=[clocks["root"]], subtree=True)
        assert list(overdue) == [clocks["d"]]
        same = clocks_in_urgency("overdue", ["foi.reply", "message.reply"])
        assert set(overdue) == set(same)
        paused = stats.clocks_behind("paused")
        assert list(paused) == [clocks["e"]]
        october = stats.clocks_behind("finished", start=D(2026, 10, 1), end=D(2026, 10, 31))
        assert set(october) == {clocks["a"], clocks["c"], clocks["g"]}
    with pytest.raises(ValueError):
        stats.clocks_behind("nonsense")
    with pytest.raises(ValueError):
        stats.clock_stats(group_by=("colour",))


def test_percentiles():
    assert stats.median({}) is None and stats.percentile({}, 90) is None
    assert stats.median({1: 1, 3: 1}) == 2.0
    assert stats.median({1: 1, 2: 1, 9: 1}) == 2.0
    hist = dict.fromkeys(range(1, 11), 1)  # 1..10
    assert stats.percentile(hist, 90) == 9 and stats.percentile(hist, 100) == 10
    assert stats.percentile({5: 1}, 90) == 5


@pytest.mark.parametrize(
    "start,end",
    [
        (D(2026, 10, 1), D(2026, 11, 20)),  # a whole month (summed) and days of the next
        (D(2026, 10, 12), D(2026, 11, 30)),  # days of a month, then a whole month
        (D(2026, 9, 1), D(2026, 12, 31)),  # whole months only
        (D(2026, 10, 13), D(2026, 10, 13)),  # one day
    ],
)
def test_monthly_and_daily_summaries_give_the_live_numbers(clocks, start, end):
    stats.refresh_facts()
    with clock.frozen(NOW):
        facts = stats.clock_stats(start=start, end=end, group_by=("agency", "rule"))
        live = stats.clock_stats(start=start, end=end, group_by=("agency", "rule"), live=True)
    assert [(r.key, r.finished, r.on_time, r.histogram) for r in facts] == [
        (r.key, r.finished, r.on_time, r.histogram) for r in live
    ]


def test_stored_periods_give_the_live_numbers_and_follow_new_stops(clocks):
    """The board's presets are stored summed by the job (ClockPeriodFact); a board of a preset
    reads them, and they equal the count from the clocks themselves, before and after a stop."""
    from sunshine.assessment.clockboard.board import preset_periods
    from sunshine.kernel.deadlines.models import ClockFactState, ClockPeriodFact

    presets = preset_periods(NOW.date())
    assert (D(2025, 11, 21), D(2026, 11, 20)) in presets  # the last 12 months
    with clock.frozen(NOW):
        first = stats.refresh_facts()
    assert first["periods"] == len(set(presets))
    stamp = stats.built_at()
    assert ClockFactState.objects.filter(name__startswith="period:", built_at=stamp).count() == len(
        set(presets)
    )
    assert ClockPeriodFact.objects.filter(start=D(2025, 11, 21), end=D(2026, 11, 20)).exists()

    def same(start, end, **kw):
        with clock.frozen(NOW):
            facts = stats.clock_stats(start=start, end=end, **kw)
            live = stats.clock_stats(start=start, end=end, live=True, **kw)
        assert [(r.key, r.finished, r.on_time, r.histogram, r.overdue) for r in facts] == [
            (r.key, r.finished, r.on_time, r.histogram, r.overdue) for r in live
        ]
        return facts

    for start, end in presets:
        same(start, end, group_by=("agency", "rule"))
    rolled = same(
        D(2026, 1, 1),
        D(2026, 11, 20),
        agencies=[clocks["root"]],
        subtree=True,
        group_by=("agency",),
    )
    assert [(r.finished, r.on_time) for r in rolled] == [(4, 3)]
    by_month = same(D(2026, 1, 1), D(2026, 11, 20), group_by=("month",))  # not from the sums
    assert [r.month for r in by_month] == [D(2026, 10, 1), D(2026, 11, 1)]

    with clock.frozen(NOW):
        services.stop_clock(clock=clocks["f"], actor=None)  # a stop on 11-20
        again = stats.refresh_facts()
    # only the presets holding a recounted day are summed again; 2025 and its quarters are
    # stamped again as they were
    recounted = {D(2026, 10, 10), D(2026, 10, 12), D(2026, 10, 13), D(2026, 11, 5)}
    recounted.add(D(2026, 11, 20))
    holding = {(a, b) for a, b in presets if any(a <= d <= b for d in recounted)}
    assert again["periods"] == len(holding) < len(set(presets))
    twelve = same(D(2025, 11, 21), D(2026, 11, 20), group_by=("rule",), rules=["foi.reply"])
    assert (twelve[0].finished, twelve[0].histogram) == (4, {2: 1, 4: 2, 22: 1})
    for start, end in presets:
        same(start, end, group_by=("agency", "module"))
    # and the board of a preset reads the stored sums (not the months and days)
    ClockPeriodFact.objects.filter(start=D(2025, 11, 21), rule="foi.reply").update(finished=99)
    with clock.frozen(NOW):
        read = stats.clock_stats(start=D(2025, 11, 21), end=D(2026, 11, 20), group_by=("rule",))
    assert by_rule(read)["foi.reply"].finished == 99


def test_live_counts_equal_the_row_level_statistics(clocks):
    with clock.frozen(NOW):
        for kw in (
            {},
            {"modules": ["foi"]},
            {"agencies": [clocks["root"]], "subtree": True},
            {"agencies": [clocks["transport"]], "start": D(2026, 10, 13), "end": D(2026, 11, 30)},
            {"agencies": [clocks["root"]]},
        ):
            rows = stats.clock_stats(group_by=("agency",), live=True, **kw)
            expected = (sum(r.finished for r in rows), sum(r.on_time for r in rows))
            assert stats.live_counts(**kw) == expected, kw
        assert stats.live_counts(modules=["foi"]) == (3, 2)
