"""The yearly review: opened by the daily task when due, on a deadline clock, confirmed or
changed item by item, completed — every act audited and permissioned."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sunshine.disclosure.catalog import review, services
from sunshine.disclosure.catalog.models import CatalogReview, ItemReview
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for, clocks_for_user
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories.catalog import catalog, item

pytestmark = pytest.mark.django_db
START = dt.date(2025, 9, 30)
ONE_YEAR_ON = dt.date(2026, 9, 30)


def audit_actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="catalog.review").values_list(
            "action", flat=True
        )
    )


def test_the_daily_task_opens_the_review_when_due(catalog_people):
    with clock.frozen(START):
        first = item(catalog_people)
        second = item(catalog_people, content="招标公告")
    cat = first.catalog
    assert cat.next_review_due == ONE_YEAR_ON
    with clock.frozen(ONE_YEAR_ON - dt.timedelta(days=1)):
        assert review.open_due_reviews()["opened"] == 0
    with clock.frozen(ONE_YEAR_ON):
        assert review.open_due_reviews() == {"opened": 1, "catalogs": [cat.pk]}
        assert review.open_due_reviews()["opened"] == 0  # idempotent
    opened = CatalogReview.objects.get()
    assert opened.state == "open" and opened.opened_by is None
    # 20 wd from 2026-09-30, over the National Day holidays.
    assert opened.due_date == dt.date(2026, 11, 3)
    deadline = clocks_for(opened).get()
    assert deadline.rule == "catalog.review" and deadline.state == Clock.State.RUNNING
    assert deadline in clocks_for_user(catalog_people["officer"])
    assert "目录年度审核" in deadline.title
    assert Notification.objects.filter(
        event="catalog.review_opened", recipient=catalog_people["officer"]
    ).exists()

    with clock.frozen(dt.date(2026, 10, 12)):
        with pytest.raises(ValidationError, match="还有 2 个事项"):
            review.complete_review(review=opened, actor=catalog_people["officer"])
        review.confirm_item(item=first, actor=catalog_people["officer"], note="无变化")
        services.update_item(item=second, actor=catalog_people["officer"], time_limit="实时")
        with pytest.raises(PermissionDenied):
            review.complete_review(review=opened, actor=catalog_people["drafter"])
        review.complete_review(review=opened, actor=catalog_people["officer"])
    opened.refresh_from_db()
    cat.refresh_from_db()
    assert opened.state == "completed" and opened.completed_by == catalog_people["officer"]
    assert timezone.localdate(cat.reviewed_at) == dt.date(2026, 10, 12)
    assert cat.next_review_due == dt.date(2027, 10, 12)
    assert dict(ItemReview.objects.values_list("item_id", "decision")) == {
        first.pk: "confirmed",
        second.pk: "changed",
    }
    deadline.refresh_from_db()
    assert deadline.state == Clock.State.STOPPED and deadline.met_deadline is True
    assert audit_actions() == [
        "catalog.review_open",
        "catalog.review_confirm",
        "catalog.review_change",
        "catalog.review_complete",
    ]
    complete = AuditEvent.objects.get(action="catalog.review_complete")
    assert complete.data["confirmed"] == 1 and complete.data["changed"] == 1


def test_new_and_deactivated_items_count_as_changed(catalog_people):
    with clock.frozen(START):
        old = item(catalog_people)
    cat = old.catalog
    opened = review.open_review(catalog=cat, actor=catalog_people["officer"])
    assert opened.opened_by == catalog_people["officer"]
    assert review.open_review(catalog=cat, actor=catalog_people["officer"]) == opened
    services.update_item(item=old, actor=catalog_people["officer"], active=False)
    new = item(catalog_people, content="新增的公开内容")
    decisions = dict(ItemReview.objects.values_list("item_id", "decision"))
    assert decisions == {old.pk: "changed", new.pk: "changed"}
    with pytest.raises(ValidationError, match="已停用"):
        review.confirm_item(item=old, actor=catalog_people["officer"])
    review.complete_review(review=opened, actor=catalog_people["officer"])
    with pytest.raises(ValidationError, match="已经完成"):
        review.complete_review(review=opened, actor=catalog_people["officer"])


def test_confirming_needs_an_open_review_and_the_agencys_officer(catalog_people):
    entry = item(catalog_people)
    with pytest.raises(ValidationError, match="没有进行中的审核"):
        review.confirm_item(item=entry, actor=catalog_people["officer"])
    review.open_review(catalog=entry.catalog, actor=catalog_people["officer"])
    for name in ("other_officer", "drafter", "approver"):
        with pytest.raises(PermissionDenied):
            review.confirm_item(item=entry, actor=catalog_people[name])
    with pytest.raises(PermissionDenied):
        review.open_review(
            catalog=catalog(catalog_people, agency=catalog_people["other_agency"]),
            actor=catalog_people["officer"],
        )
    review.confirm_item(item=entry, actor=catalog_people["admin"])
    assert ItemReview.objects.get().actor == catalog_people["admin"]
    assert verify_chain().ok


def test_review_interval_from_settings(catalog_people, settings):
    settings.CATALOG_REVIEW_INTERVAL_MONTHS = 6
    with clock.frozen(START):
        cat = catalog(catalog_people)
    assert cat.next_review_due == dt.date(2026, 3, 30)


def test_the_daily_jobs_are_declared_and_run(catalog_people):
    from sunshine.disclosure.catalog.tasks import check_stale_items, open_due_reviews
    from sunshine.kernel.jobs.schedule import periodic_jobs

    jobs = {job.name: job for job in periodic_jobs()}
    assert jobs["catalog.stale_check"].task_path.endswith("tasks.check_stale_items")
    assert jobs["catalog.open_reviews"].cron == "20 6 * * *"
    with clock.frozen(START):
        item(catalog_people)
    with clock.frozen(ONE_YEAR_ON):
        assert open_due_reviews.call()["opened"] == 1
        assert check_stale_items.call()["flagged"] == 1
