"""Clocks with numbers worked out by hand on the real 2026 calendar (stats, board and page tests).

National Day 2026: 10-01..10-07 off, Saturday 10-10 a make-up working day (调休). So the working
days after 2026-09-30 are 10-08, 10-09, 10-10, 10-12, 10-13 …; foi.reply (20 wd) started on
09-30 is due 11-03 (the kernel's own test).

foi.reply clocks of 广东省交通运输厅:
- A: 09-30 → stopped 10-12: 10-08, 09, 10, 12 = 4 wd, on time.
- B: 09-30 → stopped 11-05: 20 wd to 11-03, then 11-04, 11-05 = 22 wd, late.
- C: 09-28 → paused 09-29, resumed 10-09, stopped 10-13: 09-29, 30, 10-08, 09, 10, 12, 13 = 7
  wd, less the paused 09-30, 10-08, 10-09 = 3 → 4 wd, on time.
- D: started 09-01, running, due 09-29: overdue on 11-20.
- E: started 11-10, paused 11-12: paused, not overdue.
- F: started 11-18, running, not overdue.
message.reply (5 wd) of 广州市人民政府:
- G: 10-09 → stopped 10-10 (the make-up Saturday): 1 wd, on time.

foi.reply: finished 3, on time 2 (66.7 %), handling 4, 4, 22 → median 4, p90 (nearest rank,
3rd of 3) 22; overdue 1, running 2 (D, F), paused 1 (E)."""

import datetime as dt

from sunshine.kernel import clock
from sunshine.kernel.deadlines import services
from sunshine.kernel.deadlines.models import Clock
from sunshine.testing.factories import staff_with

D = dt.date
NOW = dt.datetime(2026, 11, 20, 10, 0)


def at(day, hour=9):
    return dt.datetime.combine(day, dt.time(hour, 0))


def build_clocks(province):
    transport, city = province["transport"], province["city"]
    holders = [staff_with("drafter", transport) for _ in range(7)]

    def start(i, day, rule="foi.reply", agency=transport):
        with clock.frozen(at(day)):
            return services.start_clock(obj=holders[i], rule=rule, agency=agency)

    def stop(c, day):
        with clock.frozen(at(day, 10)):
            return services.stop_clock(clock=c, actor=None)

    a = stop(start(0, D(2026, 9, 30)), D(2026, 10, 12))
    b = stop(start(1, D(2026, 9, 30)), D(2026, 11, 5))
    c = start(2, D(2026, 9, 28))
    with clock.frozen(at(D(2026, 9, 29))):
        services.pause_clock(clock=c, actor=None, reason="补正")
    with clock.frozen(at(D(2026, 10, 9))):
        services.resume_clock(clock=c, actor=None)
    c = stop(Clock.objects.get(pk=c.pk), D(2026, 10, 13))
    d = start(3, D(2026, 9, 1))
    e = start(4, D(2026, 11, 10))
    with clock.frozen(at(D(2026, 11, 12))):
        services.pause_clock(clock=e, actor=None, reason="第三方意见")
    f = start(5, D(2026, 11, 18))
    g = stop(start(6, D(2026, 10, 9), rule="message.reply", agency=city), D(2026, 10, 10))
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, **province}
