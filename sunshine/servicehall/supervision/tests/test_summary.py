"""The daily summary gives the same 电子监察 figures as counting the raw rows, whatever has
been built and whatever happened since: late handling, 补正 on an application of a built day,
ratings, deleted applications, agency subtrees and local-day boundaries (Asia/Shanghai).

The reference below is the straightforward count over the raw rows for a whole period (the
grouped queries the dashboard used before the summary existed), written independently of
summary.py."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from sunshine.kernel import clock
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.ratings.selectors import satisfaction_by_agency
from sunshine.kernel.ratings.services import rate
from sunshine.servicehall.applications import services as S
from sunshine.servicehall.applications.models import ServiceApplication, SubmittedMaterial
from sunshine.servicehall.supervision import selectors, stats, summary
from sunshine.servicehall.supervision.models import DailyNumbers, SummaryState
from sunshine.servicehall.supervision.period import Period
from sunshine.servicehall.supervision.scope import Scope, scope_for
from sunshine.servicehall.supervision.sql import LocalDate
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.applications import apply
from sunshine.testing.factories.servicehall import make_item
from sunshine.testing.factories.supervision import NOW, build_hall, staff_of

pytestmark = pytest.mark.django_db


def reference(scope: Scope, period: Period) -> dict[int, tuple]:
    """agency → (received, corrected, completed, clocked, on_time, handling, ratings, bad),
    counted from the raw rows of the whole period."""
    apps = scope.filter(ServiceApplication.objects.all()).order_by()
    out: dict[int, dict] = {}

    def row(agency_id):
        return out.setdefault(agency_id, {"handling": Counter()})

    received = apps.filter(submitted_at__gte=period.start, submitted_at__lt=period.end)
    for r in received.values("agency_id").annotate(
        n=Count("pk"), c=Count("pk", filter=Q(correction_count__gte=1))
    ):
        row(r["agency_id"]).update(received=r["n"], corrected=r["c"])
    done = apps.filter(completed_at__gte=period.start, completed_at__lt=period.end)
    for r in done.values("agency_id").annotate(n=Count("pk")):
        row(r["agency_id"])["completed"] = r["n"]
    clocks = list(
        Clock.objects.filter(rule="service.total", state="stopped", object_id__in=done.values("pk"))
        .annotate(a=LocalDate("started_at"), b=LocalDate("stopped_at"))
        .values_list("agency_id", "met_deadline", "a", "b", "paused_total")
    )
    ordinals = stats.workday_ordinals([d for c in clocks for d in (c[2], c[3])])
    for agency_id, met, a, b, paused in clocks:
        target = row(agency_id)
        target["clocked"] = target.get("clocked", 0) + 1
        target["on_time"] = target.get("on_time", 0) + (1 if met else 0)
        days = stats.handling_workdays(ordinals, a, b, paused)
        if days is not None:
            target["handling"][days] += 1
    for r in satisfaction_by_agency(
        kind="service_application",
        agency_ids=scope.agency_ids,
        since=period.since,
        until=period.until,
    ):
        row(r["agency_id"]).update(ratings=r["total"], bad=r["bad"])
    keys = ("received", "corrected", "completed", "clocked", "on_time")
    return {
        agency_id: (
            *(v.get(k, 0) for k in keys),
            +v["handling"],
            v.get("ratings", 0),
            v.get("bad", 0),
        )
        for agency_id, v in out.items()
        if any(v.get(k) for k in (*keys, "ratings")) or v["handling"]
    }


def shown(scope: Scope, period: Period) -> dict[int, tuple]:
    """The same figures as the dashboard shows them."""
    board = selectors.dashboard(scope, period)
    return {
        r.agency_id: (
            r.received,
            r.corrected,
            r.completed,
            r.clocked,
            r.on_time,
            +r.handling,
            r.ratings,
            r.bad_ratings,
        )  # fmt: skip
        for r in board.rows
        if r.received or r.completed or r.clocked or r.ratings
    }


def periods(today: dt.date) -> list[Period]:
    d = dt.date
    return [
        Period(d(2026, 3, 1), d(2026, 3, 31)),
        Period(d(2026, 3, 2), d(2026, 3, 2)),
        Period(d(2026, 3, 3), today),
        Period(d(2026, 3, 31), d(2026, 4, 1)),
        Period(d(2026, 4, 1), today),
        Period(today, today),
        Period(today - dt.timedelta(days=365), today),
        Period(d(2025, 1, 1), d(2025, 12, 31)),
    ]


def check_all(scopes: list[Scope], today: dt.date) -> None:
    for scope in scopes:
        for period in periods(today):
            assert shown(scope, period) == reference(scope, period), (scope, period)


@pytest.fixture
def world(province):
    """Applications in three agencies (the city and its county form a subtree), a few across
    the local midnight of 31 March (UTC 16:00), with 补正, late 办结, rejection and ratings."""
    with clock.frozen(dt.datetime(2026, 3, 1, 9)):
        supervision_hall = build_hall(province["transport"])
    staff = staff_of(province["county"])
    item = make_item(province["county"], actor=staff["approver"], promised_days=5)
    city_staff = staff_of(province["city"])
    city_item = make_item(province["city"], actor=city_staff["approver"], promised_days=3)
    made = {"hall": supervision_hall, "item": item, "staff": staff, "city_item": city_item}
    # Late evening of 31 Mar and just after midnight (local): different local days.
    made["late"] = apply(item, at=dt.datetime(2026, 3, 31, 23, 30))
    made["early"] = apply(item, at=dt.datetime(2026, 4, 1, 0, 30))
    made["city"] = apply(city_item, at=dt.datetime(2026, 4, 2, 10))
    for app, done in ((made["late"], dt.datetime(2026, 4, 1, 0, 10)),
                      (made["city"], dt.datetime(2026, 4, 14, 16))):  # fmt: skip
        with clock.frozen(done - dt.timedelta(minutes=5)):
            S.accept_application(application=app, actor=staff_with("drafter", app.agency))
            S.review_application(application=app, actor=staff_with("reviewer", app.agency),
                                 opinion="同意")  # fmt: skip
            S.decide_application(application=app, actor=staff_with("approver", app.agency),
                                 decision="approved")  # fmt: skip
        with clock.frozen(done):
            S.complete_application(application=app, actor=staff_with("drafter", app.agency))
    with clock.frozen(dt.datetime(2026, 4, 3, 9)):
        rate(obj=made["late"], rater=made["late"].applicant, level="dissatisfied")
    return made


def scopes_of(province) -> list[Scope]:
    supervisor = staff_with("supervisor", province["office"])
    return [
        scope_for(supervisor),
        scope_for(supervisor, agency=province["city"]),  # city + county
        scope_for(supervisor, agency=province["county"]),
        scope_for(staff_with("drafter", province["transport"])),
    ]


def test_summary_equals_raw_rows_before_and_after_building(province, world):
    scopes = scopes_of(province)
    with clock.frozen(NOW):
        check_all(scopes, NOW.date())  # nothing built: all live
        summary.refresh()
        state = SummaryState.objects.get()
        assert state.built_through == NOW.date() - dt.timedelta(days=1)
        assert DailyNumbers.objects.filter(day=dt.date(2026, 3, 31)).exists()
        # The summary, not the raw rows, answers for built days.
        plan = summary.plan_for(dt.date(2026, 3, 1), NOW.date())
        assert plan.live == [(NOW.date(), NOW.date())] and not plan.skip
        check_all(scopes, NOW.date())


def test_changes_after_the_build_are_live_until_the_next_refresh(province, world):
    scopes = scopes_of(province)
    with clock.frozen(NOW):
        summary.refresh()
    early = world["early"]  # submitted 1 Apr, a built day
    later = NOW + dt.timedelta(hours=2)
    with clock.frozen(later):
        # 补正 on an application of a built day; late 办结 of an application of 1 Apr.
        S.request_correction(application=early, actor=world["staff"]["drafter"], missing=["证明"])
        plan = summary.plan_for(dt.date(2026, 3, 1), later.date())
        assert dt.date(2026, 4, 1) in plan.skip
        check_all(scopes, later.date())
    next_day = NOW + dt.timedelta(days=1, hours=1)
    with clock.frozen(next_day):
        S.resubmit_application(application=early, actor=early.applicant, note="已补")
        S.accept_application(application=early, actor=world["staff"]["drafter"])
        S.review_application(application=early, actor=world["staff"]["reviewer"], opinion="可")
        S.decide_application(application=early, actor=world["staff"]["approver"], decision="approved")  # fmt: skip
        S.complete_application(application=early, actor=world["staff"]["drafter"])
        # Yesterday (NOW's day) is not built yet: live, as today.
        check_all(scopes, next_day.date())
        rate(obj=early, rater=early.applicant, level="very_satisfied")
        check_all(scopes, next_day.date())
        result = summary.refresh()
        assert result["days"] >= 2  # 1 Apr (touched) and 15 Apr (new)
        check_all(scopes, next_day.date())
    # Steps within the job's safety margin (10 minutes) keep their days live one more run.
    with clock.frozen(next_day + dt.timedelta(minutes=15)):
        summary.refresh()
        assert summary.plan_for(dt.date(2026, 3, 1), next_day.date()).skip == set()


def test_deleted_rows_are_corrected_by_the_rebuild(province, world):
    scopes = scopes_of(province)
    with clock.frozen(NOW):
        summary.refresh()
        city = world["city"]
        SubmittedMaterial.objects.filter(application=city).delete()
        ServiceApplication.objects.filter(pk=city.pk).delete()  # in the admin, say
        # Left no workflow step: the summary still counts it on 2 and 14 April …
        scope = scopes[0]
        april = Period(dt.date(2026, 4, 1), NOW.date())
        assert shown(scope, april) != reference(scope, april)
        # … until the nightly recount of the last 40 days (or the command) corrects it.
        summary.refresh(full_days=summary.NIGHTLY_DAYS)
        check_all(scopes, NOW.date())
        DailyNumbers.objects.all().delete()
        call_command(
            "rebuild_supervision_summary", "--since", "2026-03-01", "--until", "2026-04-30"
        )
        check_all(scopes, NOW.date())


def test_rebuild_command_is_idempotent_and_marks_the_summary_built(province, world):
    with clock.frozen(NOW):
        call_command("rebuild_supervision_summary")
        first = sorted(
            DailyNumbers.objects.values_list(
                "day", "agency_id", "received", "completed", "handling"
            )
        )
        call_command("rebuild_supervision_summary")
        again = sorted(
            DailyNumbers.objects.values_list(
                "day", "agency_id", "received", "completed", "handling"
            )
        )
        assert first == again and first
        state = SummaryState.objects.get()
        assert state.built_through == NOW.date() - dt.timedelta(days=1)
        # A partial rebuild that does not join what is built leaves the state alone.
        assert summary.rebuild(since=dt.date(2026, 3, 2), until=dt.date(2026, 3, 3)) > 0
        assert SummaryState.objects.get().built_through == state.built_through
        check_all(scopes_of(province), NOW.date())


def test_bad_dates_are_refused_by_the_command(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rebuild_supervision_summary", "--since", "2026-02-30")
    with pytest.raises(CommandError):
        call_command(
            "rebuild_supervision_summary", "--since", "2026-03-02", "--until", "2026-03-01"
        )


def test_monthly_volume_from_the_summary_equals_the_raw_counts(province, world):
    supervisor = staff_with("supervisor", province["office"])
    with clock.frozen(NOW):
        before = selectors.monthly_volume(scope_for(supervisor))
        summary.refresh()
        after = selectors.monthly_volume(scope_for(supervisor))
        assert before == after
        by_month = {m["month"]: (m["received"], m["completed"]) for m in after}
        apps = ServiceApplication.objects.all()
        for month in (dt.date(2026, 3, 1), dt.date(2026, 4, 1)):
            start = summary.start_of(month)
            end = summary.start_of((month + dt.timedelta(days=32)).replace(day=1))
            assert by_month[month] == (
                apps.filter(submitted_at__gte=start, submitted_at__lt=end).count(),
                apps.filter(completed_at__gte=start, completed_at__lt=end).count(),
            )
        assert by_month[dt.date(2026, 3, 1)][0] == 6  # build_hall's five + 31 Mar 23:30


def test_dashboard_reads_the_summary_with_a_bounded_number_of_queries(
    province, world, django_assert_max_num_queries
):
    supervisor = staff_with("supervisor", province["office"])
    scope = scope_for(supervisor)
    year = Period(NOW.date() - dt.timedelta(days=365), NOW.date())
    with clock.frozen(NOW):
        summary.refresh()
        with django_assert_max_num_queries(16):
            selectors.dashboard(scope, year)
