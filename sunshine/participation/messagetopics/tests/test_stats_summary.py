"""The summary gives the same message statistics as counting the messages themselves: before
and after it is built, after replies, transfers, category changes, rejections and deletions (in
past months and this month, before and after the job's next run), for new messages, at local
month and day boundaries (Asia/Shanghai), for agency scopes and categories.

The reference below is the count over the raw rows that the statistics used before the
summary existed, kept here independently of summary.py."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.participation.messages.models import Message
from sunshine.participation.messagetopics import stats, summary
from sunshine.participation.messagetopics.models import (
    MessageStatsFact,
    MessageStatsState,
    MonthlyMessageStats,
)
from sunshine.testing.factories.messagetopics import at, make_message

pytestmark = pytest.mark.django_db
NOW = at(2026, 11, 18, 10)


# --- the reference: counted from the messages --------------------------------------------


def _qs(*, agency_ids=None, since=None, until=None, category=None):
    qs = Message.objects.exclude(state="rejected")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    if since:
        qs = qs.filter(submitted_at__gte=summary.start_of(since))
    if until:
        qs = qs.filter(submitted_at__lt=summary.start_of(until + dt.timedelta(days=1)))
    if category:
        qs = qs.filter(category=category)
    return qs


def _replies(qs, group_by_clock_agency=False):
    index = summary.WorkdayIndex()
    per: dict = {}

    def of(key):
        return per.setdefault(key, stats.ReplyNumbers())

    for agency_id, submitted, replied, source in qs.filter(replied_at__isnull=False).values_list(
        "agency_id", "submitted_at", "replied_at", "source"
    ):
        n = of(agency_id if group_by_clock_agency else None)
        n.replied += 1
        n.days_total += max(0.0, (replied - submitted).total_seconds() / 86400)
        w = index.between(timezone.localdate(submitted), timezone.localdate(replied))
        n.workdays_total += w
        if source == "import":
            if w <= 5:
                n.on_time += 1
            else:
                n.late += 1
    rows = (
        Clock.objects.filter(
            content_type=ContentType.objects.get_for_model(Message),
            rule="message.reply",
            object_id__in=qs.exclude(source="import").values("pk"),
        )
        .values("agency_id")
        .annotate(
            on=Count("id", filter=Q(state="stopped", met_deadline=True)),
            late=Count(
                "id",
                filter=Q(state="stopped", met_deadline=False)
                | (~Q(state="stopped") & Q(due_at__lt=clock.now())),
            ),
        )
        .order_by()
    )
    for r in rows:
        n = of(r["agency_id"] if group_by_clock_agency else None)
        n.on_time += r["on"]
        n.late += r["late"]
    return per


def reference(*, agency_ids=None, since=None, until=None, period="month", category=None):
    qs = _qs(agency_ids=agency_ids, since=since, until=until, category=category)
    trunc = TruncYear if period == "year" else TruncMonth
    totals = qs.aggregate(
        total=Count("id"),
        replied=Count("id", filter=Q(replied_at__isnull=False)),
        open=Count("id", filter=Q(state__in=["submitted", "assigned", "returned"])),
    )
    return {
        "totals": totals,
        "by_category": sorted(
            (r["category"] or "", r["n"])
            for r in qs.values("category").annotate(n=Count("id")).order_by()
        ),
        "by_agency": sorted(
            (r["agency_id"] or 0, r["agency__name"] or "", r["n"], r["r"])
            for r in qs.values("agency_id", "agency__name")
            .annotate(n=Count("id"), r=Count("id", filter=Q(replied_at__isnull=False)))
            .order_by()
        ),
        "by_period": [
            (r["p"], r["n"], r["r"])
            for r in qs.annotate(p=trunc("submitted_at"))
            .values("p")
            .annotate(n=Count("id"), r=Count("id", filter=Q(replied_at__isnull=False)))
            .order_by("p")
        ],
        "replies": _replies(qs).get(None, stats.ReplyNumbers()).as_dict(),
    }


def reference_agencies(*, agency_ids=None, since=None, until=None):
    qs = _qs(agency_ids=agency_ids, since=since, until=until)
    volumes = qs.values("agency_id").annotate(n=Count("id")).order_by()
    per = _replies(qs, group_by_clock_agency=True)
    return sorted(
        (v["agency_id"] or 0, v["n"], per.get(v["agency_id"], stats.ReplyNumbers()).as_dict())
        for v in volumes
    )


def shown(**kwargs):
    result = stats.message_statistics(**kwargs)
    return {
        "totals": result["totals"],
        "by_category": sorted((r["category"], r["count"]) for r in result["by_category"]),
        "by_agency": sorted(
            (r["agency_id"] or 0, r["agency_name"], r["count"], r["replied"])
            for r in result["by_agency"]
        ),
        "by_period": [(r["period"], r["count"], r["replied"]) for r in result["by_period"]],
        "replies": result["replies"],
    }


def shown_agencies(**kwargs):
    return sorted(
        (
            r["agency_id"] or 0,
            r["count"],
            {
                k: r[k]
                for k in ("replied", "on_time", "late", "on_time_rate", "avg_workdays", "avg_days")
            },
        )
        for r in stats.agency_reply_numbers(**kwargs)
    )


def _approx(value):
    if isinstance(value, dict):
        return {k: _approx(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_approx(v) for v in value)
    if isinstance(value, float):
        return pytest.approx(value)
    return value


def check(province):
    d = dt.date
    filters = [
        {},
        {"since": d(2026, 1, 1), "until": d(2026, 12, 31)},
        {"since": d(2026, 9, 1), "until": d(2026, 9, 30)},
        {"since": d(2026, 8, 31), "until": d(2026, 10, 1)},  # partial months at both ends
        {"since": d(2026, 10, 1), "until": d(2026, 10, 1)},  # one local day
        {"since": d(2025, 1, 1), "until": d(2025, 12, 31), "period": "month"},
        {"period": "year"},
        {"agency_ids": [province["transport"].pk]},
        {"agency_ids": [province["city"].pk, province["county"].pk], "since": d(2026, 9, 1)},
        {"category": "交通运输"},
        {"category": "城乡建设", "until": d(2026, 10, 31)},
        {"since": d(2026, 11, 1), "until": NOW.date()},  # this month up to today
        {"since": d(2026, 10, 15), "until": NOW.date()},
        {"since": d(2026, 11, 16), "until": d(2026, 11, 16)},  # one day of this month
    ]
    for f in filters:
        assert shown(**f) == _approx(reference(**f)), f
        if "category" not in f and "period" not in f:
            assert shown_agencies(**f) == _approx(reference_agencies(**f)), f


@pytest.fixture
def messages(province):
    """Messages over two years in four agencies: historical imports on time and late, platform
    messages with reply clocks (on time, late, still running past due, transferred), open and
    rejected ones, and a pair either side of local midnight at the end of September."""
    transport, office, city, county = (
        province[k] for k in ("transport", "office", "city", "county")
    )
    made = {}
    for i, (y, m) in enumerate([(2025, 3), (2025, 11), (2026, 1), (2026, 6)]):
        make_message(category="交通运输", agency=transport, source="import", external_id=f"h{i}",
                     state="closed", submitted_at=at(y, m, 2), replied_at=at(y, m, 5 + 4 * (i % 2)))  # fmt: skip
    made["import_open"] = make_message(category="城乡建设", agency=city, source="import",
                                       external_id="h9", state="archived", submitted_at=at(2026, 2, 3))  # fmt: skip
    # Either side of local midnight 30 Sep / 1 Oct (UTC 16:00 on 30 Sep).
    made["late_night"] = make_message(category="交通运输", agency=county,
                                      submitted_at=at(2026, 9, 30, 23, 50), state="assigned")  # fmt: skip
    made["early_morning"] = make_message(category="交通运输", agency=county,
                                         submitted_at=at(2026, 10, 1, 0, 10), state="assigned")  # fmt: skip
    made["rejected"] = make_message(category="城乡建设", agency=office, state="rejected",
                                    submitted_at=at(2026, 9, 3))  # fmt: skip
    made["uncategorised"] = make_message(
        agency=None, state="submitted", submitted_at=at(2026, 9, 8)
    )
    platform = [
        ("on_time", office, "城乡建设", at(2026, 9, 2), at(2026, 9, 4)),
        ("late", office, "城乡建设", at(2026, 9, 9), at(2026, 9, 28)),
        ("running", transport, "交通运输", at(2026, 10, 12), None),
        ("transferred", city, "交通运输", at(2026, 10, 14), at(2026, 10, 30)),
        ("recent", county, "城乡建设", at(2026, 11, 16), None),
    ]
    for name, agency, category, submitted, replied in platform:
        message = make_message(category=category, agency=agency, submitted_at=submitted,
                               state="replied" if replied else "assigned", replied_at=replied)  # fmt: skip
        with clock.frozen(submitted):
            first = start_clock(obj=message, rule="message.reply",
                                agency=office if name == "transferred" else agency, start=submitted)  # fmt: skip
        if name == "transferred":  # the first agency's clock stopped at the transfer
            with clock.frozen(submitted + dt.timedelta(days=1)):
                stop_clock(clock=first, actor=None, outcome="transferred")
                first = start_clock(obj=message, rule="message.reply", agency=agency,
                                    start=submitted + dt.timedelta(days=1))  # fmt: skip
        if replied:
            with clock.frozen(replied):
                stop_clock(clock=first, actor=None, outcome="replied")
        made[name] = message
    # Saved an hour before the summary is built (updated_at is the wall time).
    Message.objects.update(updated_at=timezone.now() - dt.timedelta(hours=1))
    return made


def counted_messages() -> int:
    return Message.objects.exclude(state="rejected").count()


def test_summary_equals_the_messages_before_and_after_building(province, messages):
    with clock.frozen(NOW):
        check(province)  # nothing built: all live
        summary.refresh()
        state = MessageStatsState.objects.get()
        assert state.built_through == dt.date(2026, 11, 1)  # this month is in the summary too
        assert MessageStatsFact.objects.count() == counted_messages()
        assert MonthlyMessageStats.objects.filter(month=dt.date(2026, 11, 1)).exists()
        plan = summary.plan_for(None, None)
        # Nothing saved since the build: nothing is counted live.
        assert plan.months is not None and plan.changed == [] and plan.outside == []
        # A period ending today leaves out only the days to come of this month.
        plan = summary.plan_for(dt.date(2026, 10, 15), NOW.date())
        assert plan.outside == [
            (dt.date(2026, 10, 1), dt.date(2026, 10, 14)),
            (dt.date(2026, 11, 19), dt.date(2026, 11, 30)),
        ]
        check(province)


def _change(province, messages):
    """A reply, a new category, a rejection and a transfer (in past months and this month),
    each saving the message as the services do, and a new message of today."""
    from sunshine.participation.messages.workflow import MessageState

    running = messages["running"]
    running.replied_at, running.state = NOW, MessageState.REPLIED
    running.save()
    stop_clock(clock=Clock.objects.get(object_id=running.pk, state="running"), actor=None,
               outcome="replied")  # fmt: skip
    late_night = messages["late_night"]
    late_night.category = "城乡建设"
    late_night.save()
    messages["uncategorised"].state = MessageState.REJECTED
    messages["uncategorised"].save()
    moved = messages["early_morning"]
    moved.agency = province["transport"]
    moved.save()
    recent = messages["recent"]  # this month: its clock now runs for the city
    stop_clock(clock=Clock.objects.get(object_id=recent.pk, state="running"), actor=None,
               outcome="transferred")  # fmt: skip
    recent.agency = province["city"]
    recent.save()
    start_clock(obj=recent, rule="message.reply", agency=province["city"], start=NOW)
    return make_message(category="交通运输", agency=province["county"], submitted_at=NOW,
                        state="assigned")  # fmt: skip


def test_changed_and_new_messages_are_corrected_live(province, messages):
    with clock.frozen(NOW):
        summary.refresh()
        new = _change(province, messages)
        plan = summary.plan_for(None, None)
        changed = {messages[k].pk for k in ("running", "late_night", "uncategorised",
                                            "early_morning", "recent")} | {new.pk}  # fmt: skip
        assert set(plan.changed) == changed
        check(province)
        result = summary.refresh()
        assert result["messages"] == len(changed)
        assert MessageStatsFact.objects.count() == counted_messages()
        assert not MessageStatsFact.objects.filter(message_id=messages["uncategorised"].pk)
        check(province)


def test_the_next_run_counts_only_what_was_saved_since(province, messages):
    """A second run with nothing saved recounts nothing (the job's cost follows the activity,
    not the size of the month); the message saved in between is counted once."""
    with clock.frozen(NOW):
        summary.refresh()
        assert summary.refresh()["messages"] == 0
    MessageStatsState.objects.update(built_at=timezone.now() - summary.MARGIN)
    with clock.frozen(NOW):
        late_night = messages["late_night"]
        late_night.category = "城乡建设"
        late_night.save()
        assert summary.refresh()["messages"] == 1
        check(province)


def test_deleted_messages_leave_the_summary_at_once(province, messages):
    with clock.frozen(NOW):
        summary.refresh()
        gone = messages["late"]
        Message.objects.filter(pk=gone.pk).delete()  # in the admin, say: through the ORM
        assert not MessageStatsFact.objects.filter(message_id=gone.pk).exists()
        check(province)
        summary.refresh()
        check(province)


def test_a_deletion_outside_the_orm_is_corrected_by_the_nightly_run(province, messages):
    from django.db import connection

    with clock.frozen(NOW):
        summary.refresh()
        gone = messages["import_open"]  # February: outside the three months recounted
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM citizen_messages_message WHERE id = %s", [gone.pk])
        assert shown() != _approx(reference())  # no trace: still counted …
        summary.refresh()
        assert shown() != _approx(reference())  # … by the 10-minute run too …
        summary.refresh(recount_months=summary.NIGHTLY_MONTHS)  # … until the nightly run
        check(province)
        MonthlyMessageStats.objects.all().delete()
        call_command("rebuild_message_stats", "--since", "2025-01-01")
        check(province)


def test_rebuild_command_is_idempotent(province, messages):
    from django.core.management.base import CommandError

    with clock.frozen(NOW):
        call_command("rebuild_message_stats")
        rows = sorted(
            MonthlyMessageStats.objects.values_list("month", "agency_id", "category", "total"),
            key=str,
        )
        call_command("rebuild_message_stats")
        call_command("rebuild_message_stats", "--since", "2026-09-01", "--until", "2026-10-31")
        again = sorted(
            MonthlyMessageStats.objects.values_list("month", "agency_id", "category", "total"),
            key=str,
        )
        assert rows == again and rows
        assert MessageStatsState.objects.get().built_through == dt.date(2026, 11, 1)
        check(province)
        with pytest.raises(CommandError):
            call_command("rebuild_message_stats", "--since", "2026-13-01")


def test_the_workbench_reading_equals_the_two_separate_ones(province, messages):
    with clock.frozen(NOW):
        summary.refresh()
        _change(province, messages)
        for f in [{}, {"since": dt.date(2026, 1, 1), "until": NOW.date()},
                  {"agency_ids": [province["county"].pk, province["city"].pk]}]:  # fmt: skip
            both, agencies = stats.statistics_with_agencies(**f)
            assert both == stats.message_statistics(**f)
            assert agencies == stats.agency_reply_numbers(**f)


def test_statistics_over_the_summary_use_few_queries(
    province, messages, django_assert_max_num_queries
):
    with clock.frozen(NOW):
        summary.refresh()
        with django_assert_max_num_queries(6):
            stats.message_statistics()
        with django_assert_max_num_queries(9):
            stats.message_statistics(since=dt.date(2026, 9, 15), until=dt.date(2026, 10, 15))
        _change(province, messages)
        with django_assert_max_num_queries(12):  # plus the changed messages, counted again
            stats.message_statistics(since=dt.date(2026, 9, 15), until=NOW.date())


def migrated():
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def test_migrate_builds_the_summary_of_existing_messages(province, messages):
    """Migration 0003 leaves the summary unbuilt (it became the sum of per-message facts):
    `migrate` builds it from the existing messages at its end (post_migrate), once. (The signal
    is sent as `migrate` sends it: SQLite cannot run the command itself inside a test's
    transaction.)"""
    with clock.frozen(NOW):
        summary.refresh()
    # As migration 0003 leaves an installation that had the monthly summary: no facts, unbuilt.
    MessageStatsFact.objects.all().delete()
    MessageStatsState.objects.update(built_at=None, built_through=None)
    assert summary.needs_build()
    with clock.frozen(NOW):
        migrated()
        state = MessageStatsState.objects.get()
        assert state.built_at is not None and state.built_through == dt.date(2026, 11, 1)
        assert MessageStatsFact.objects.count() == counted_messages()
        assert summary.plan_for(None, None).changed == []
        check(province)
        built_at = state.built_at
        migrated()  # built: nothing more to do
        assert MessageStatsState.objects.get().built_at == built_at


def test_migrate_without_messages_builds_nothing():
    migrated()
    assert not summary.needs_build()
    assert not MessageStatsState.objects.exists()
