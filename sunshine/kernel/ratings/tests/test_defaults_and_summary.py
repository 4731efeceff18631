"""The default rating job (7 days → 基本满意, idempotent) and the satisfaction summary."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.jobs.schedule import periodic_jobs
from sunshine.kernel.ratings import selectors, services
from sunshine.kernel.ratings.models import Rating
from sunshine.kernel.ratings.tasks import apply_default_ratings_task
from sunshine.testing.factories import at

pytestmark = pytest.mark.django_db


def test_the_job_is_registered_daily():
    job = {j.name: j for j in periodic_jobs()}["ratings.default"]
    assert job.task_path == "sunshine.kernel.ratings.tasks.apply_default_ratings_task"
    assert job.cron == "30 1 * * *"


def test_seven_days_without_rating_become_basic(rateables, citizen):
    old = rateables.make(rater=citizen, finished_at=at(2026, 9, 1))
    edge = rateables.make(rater=citizen, finished_at=at(2026, 9, 3, 10))
    fresh = rateables.make(rater=citizen, finished_at=at(2026, 9, 8))
    rated = rateables.make(rater=citizen, finished_at=at(2026, 9, 1))
    rateables.make(rater=citizen, finished_at=None)
    with clock.frozen(dt.datetime(2026, 9, 2, 9, 0)):
        services.rate(obj=rated, rater=citizen, level="very_satisfied")
    with clock.frozen(dt.datetime(2026, 9, 10, 10, 0)):
        assert services.apply_default_ratings() == 2
        assert services.apply_default_ratings() == 0  # idempotent
    by_item = {r.object_id: r for r in Rating.objects.all()}
    assert set(by_item) == {old.pk, edge.pk, rated.pk}
    default = by_item[old.pk]
    assert (default.level, default.is_default, default.rater, default.agency) == (
        "basic",
        True,
        None,
        rateables.handler,
    )
    assert by_item[rated.pk].level == "very_satisfied"
    assert fresh.pk not in by_item
    assert AuditEvent.objects.filter(action="rating.default").count() == 1
    # the rater can no longer rate an item that got the default
    with clock.frozen(dt.datetime(2026, 9, 10, 11, 0)), pytest.raises(Exception, match="默认"):
        services.rate(obj=old, rater=citizen, level="satisfied")
    # a week later, the fresh one gets its default through the task too
    with clock.frozen(dt.datetime(2026, 9, 16, 10, 0)):
        assert apply_default_ratings_task.call() == 1
    assert Rating.objects.filter(is_default=True).count() == 3


def test_default_period_is_configurable(rateables, citizen, settings):
    settings.RATING_DEFAULT_AFTER_DAYS = 3
    item = rateables.make(rater=citizen, finished_at=at(2026, 9, 1))
    with clock.frozen(dt.datetime(2026, 9, 4, 11, 0)):
        assert services.apply_default_ratings() == 1
    assert Rating.objects.get().object_id == item.pk


def test_satisfaction_summary_numbers(rateables, citizen, django_assert_num_queries):
    levels = ["very_satisfied", "satisfied", "satisfied", "basic", "dissatisfied"]
    with clock.frozen(dt.datetime(2026, 9, 2, 9, 0)):
        for level in levels:
            services.rate(
                obj=rateables.make(rater=citizen, finished_at=at(2026, 9, 1)),
                rater=citizen,
                level=level,
            )
    rateables.make(rater=citizen, finished_at=at(2026, 9, 1))
    with clock.frozen(dt.datetime(2026, 9, 12, 9, 0)):
        services.apply_default_ratings()
    with django_assert_num_queries(1):
        summary = selectors.satisfaction_summary()
    assert summary == {
        "total": 6,
        "counts": {
            "very_satisfied": 1,
            "satisfied": 2,
            "basic": 2,
            "dissatisfied": 1,
            "very_dissatisfied": 0,
        },
        "bad": 1,
        "satisfaction_rate": 5 / 6,
        "default_count": 1,
    }
    assert selectors.satisfaction_summary(kind="nothing")["satisfaction_rate"] is None
    assert selectors.satisfaction_summary(agency_ids=[rateables.handler.pk])["total"] == 6
    assert selectors.satisfaction_summary(since=dt.date(2026, 9, 3))["total"] == 1
    assert selectors.satisfaction_summary(until=dt.date(2026, 9, 2))["total"] == 5
    with django_assert_num_queries(1):
        rows = selectors.satisfaction_by_agency()
    assert [(r["agency_id"], r["total"], r["bad"]) for r in rows] == [(rateables.handler.pk, 6, 1)]


def test_default_job_queries_do_not_grow_with_items(
    rateables, citizen, django_assert_max_num_queries
):
    for _n in range(40):
        rateables.make(rater=citizen, finished_at=at(2026, 9, 1))
    with clock.frozen(dt.datetime(2026, 9, 10, 10, 0)), django_assert_max_num_queries(15):
        assert services.apply_default_ratings() == 40


def test_an_item_without_agency_cannot_be_rated(rateables, citizen):
    item = rateables.make(rater=citizen, finished_at=at(2026, 9, 1))
    rateables.handler = None
    with clock.frozen(dt.datetime(2026, 9, 2, 10, 0)), pytest.raises(Exception, match="办理机关"):
        services.rate(obj=item, rater=citizen, level="satisfied")
