"""A hand-built 电子监察 dataset: applications moved through the real services at fixed times
(real clocks, pauses, ratings), so every number on the dashboard can be computed by hand.

March 2026 (no holiday in the month; the official 2026 calendar is loaded), item promised in
10 working days:
- A: 申请 Mon 2 Mar, 办结 Fri 6 Mar → 4 wd, on time; rated 满意.
- B: 申请 Mon 2 Mar, 补正 Tue 3 Mar, resubmitted Thu 5 Mar (2 wd paused), 办结 Fri 20 Mar →
  14 − 2 = 12 wd; due Wed 18 Mar → late; rated 非常不满意 (差评 → a case).
- C: 申请 Mon 9 Mar, 办结 Wed 11 Mar → 2 wd, on time.
- D: 申请 Tue 10 Mar, accepted the same day, then nothing: overdue now (15 Apr).
- E: 申请 Thu 12 Mar, 不予受理 the same day.
Received 5, corrected 1 (20 %), completed 3, on time 2 (66.7 %), average 6 wd, p90 12 wd,
satisfaction 1 of 2 ratings (50 %)."""

import datetime as dt

from sunshine.kernel import clock
from sunshine.kernel.ratings.services import rate
from sunshine.servicehall.applications import services as S

from .applications import advance_application, apply
from .kernel import staff_with
from .servicehall import make_item

NOW = dt.datetime(2026, 4, 15, 10, 0)


def at(month, day, hour=10):
    return dt.datetime(2026, month, day, hour, 0)


def _finish(app, staff, *, accepted, completed):
    with clock.frozen(accepted):
        advance_application(app, staff, "decided")
    with clock.frozen(completed):
        return advance_application(app, staff, "completed")


def staff_of(agency) -> dict:
    return {role: staff_with(role, agency) for role in ("drafter", "reviewer", "approver")}


def build_hall(agency, *, staff=None, item=None) -> dict:
    staff = staff or staff_of(agency)
    item = item or make_item(agency, actor=staff["approver"], promised_days=10)
    a = _finish(apply(item, at=at(3, 2)), staff, accepted=at(3, 3), completed=at(3, 6))
    b = apply(item, at=at(3, 2))
    with clock.frozen(at(3, 3)):
        S.request_correction(application=b, actor=staff["drafter"], missing=["营业执照"])
    with clock.frozen(at(3, 5)):
        S.resubmit_application(application=b, actor=b.applicant, note="已补充营业执照")
    _finish(b, staff, accepted=at(3, 5), completed=at(3, 20))
    c = _finish(apply(item, at=at(3, 9)), staff, accepted=at(3, 10), completed=at(3, 11))
    d = apply(item, at=at(3, 10))
    with clock.frozen(at(3, 10, 15)):
        S.accept_application(application=d, actor=staff["drafter"])
    e = apply(item, at=at(3, 12))
    with clock.frozen(at(3, 12, 15)):
        S.reject_application(application=e, actor=staff["drafter"], reason="不属于本机关职权范围")
    with clock.frozen(at(3, 10)):
        rate(obj=a, rater=a.applicant, level="satisfied")
    with clock.frozen(at(3, 23)):
        rate(obj=b, rater=b.applicant, level="very_dissatisfied", comment="办理太慢")
    return {"item": item, "staff": staff, "a": a, "b": b, "c": c, "d": d, "e": e}


def more_applications(item, staff, n: int) -> list:
    """n more finished applications in March (for the query-count tests)."""
    made = []
    for i in range(n):
        day = 2 + i % 20
        day = day + 2 if dt.date(2026, 3, day).weekday() >= 5 else day
        app = apply(item, at=at(3, min(day, 27)))
        _finish(app, staff, accepted=at(3, min(day, 27), 15), completed=at(3, 30))
        made.append(app)
    return made
