"""Demo of the 期限看板: the other demos make real clocks on real objects (messages, FOI
requests, service applications …), mostly in the last weeks. To give the board a year of
history, this adds stopped clocks of the main public rules for the first demo agencies, one
year back from today: their due times come from the engine on the real holiday calendar, about
85 % end on time. They are held by the agency itself and marked with the outcome
"演示：历史办结记录" (the drill-down shows them as such). Then the board's daily summary is
built, as the periodic job "deadlines.stats" does. Idempotent: the history is added once."""

import datetime as dt
import random

OUTCOME = "演示：历史办结记录"
RULES = ("foi.reply", "message.reply", "service.total", "consultation.feedback",
         "opinion.hot_issue", "spotcheck.publish_results", "disclosure.publish")  # fmt: skip
AGENCIES = 8
PER_MONTH = 6  # clocks per agency, rule and month (about 4,000 in all)


def load(*, stdout=None) -> None:
    from sunshine.kernel.deadlines.models import Clock
    from sunshine.kernel.deadlines.stats import refresh_facts

    added = 0
    if not Clock.objects.filter(outcome=OUTCOME).exists():
        added = _history()
    result = refresh_facts(full=True)
    if stdout is not None:
        stdout.write(f"期限看板：{added} 个历史期限，{result['facts']} 条日汇总")


def _history() -> int:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from sunshine.kernel import clock
    from sunshine.kernel.deadlines import engine
    from sunshine.kernel.deadlines.models import Clock
    from sunshine.kernel.deadlines.rules import find_rule
    from sunshine.kernel.orgs.models import Agency
    from sunshine.kernel.workcalendar.calendar import current_calendar, end_of_day

    agencies = list(Agency.objects.filter(is_active=True).order_by("path")[:AGENCIES])
    if not agencies:
        return 0
    rng = random.Random(15)  # nosec B311 (demo data, not security)
    cal, now = current_calendar(), clock.now()
    ct = ContentType.objects.get_for_model(Agency)
    rows = []
    for agency in agencies:
        late_share = rng.uniform(0.03, 0.3)  # agencies differ
        for name in RULES:
            rule = find_rule(name)
            if rule is None:
                continue
            for _k in range(PER_MONTH * 12):
                started = now - dt.timedelta(days=rng.uniform(rule.length * 2 + 5, 365))
                due = engine.compute_due(
                    cal, unit=rule.unit, started_at=started, length=rule.length, pauses=[]
                ).due_at
                late = rng.random() < late_share
                share = rng.uniform(1.05, 1.8) if late else rng.uniform(0.05, 1.0)
                took = max(0, int(rule.length * share))
                if rule.unit == "hours":
                    stopped = started + dt.timedelta(hours=took, minutes=rng.randint(0, 50))
                elif rule.unit == "wd":
                    day, _p = cal.add_workdays(timezone.localdate(started), took)
                    stopped = end_of_day(day) - dt.timedelta(hours=rng.randint(6, 9))
                else:
                    stopped = started + dt.timedelta(days=took, hours=rng.randint(0, 8))
                stopped = min(max(stopped, started), now)
                rows.append(
                    Clock(
                        content_type=ct,
                        object_id=agency.pk,
                        agency=agency,
                        rule=name,
                        unit=rule.unit,
                        length=rule.length,
                        started_at=started,
                        due_at=due,
                        state=Clock.State.STOPPED,
                        stopped_at=stopped,
                        met_deadline=stopped <= due,
                        outcome=OUTCOME,
                        pauses=[],
                    )  # fmt: skip
                )
    Clock.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
