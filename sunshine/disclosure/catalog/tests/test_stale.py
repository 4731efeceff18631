"""Stale items (过期未公开) on a frozen clock: event-driven and periodic limits, the daily
check's flags, its audit rows and its notices (once per item and period), the dashboard queue."""

import datetime as dt

import pytest

from sunshine.disclosure.catalog import selectors, services
from sunshine.disclosure.catalog.models import CatalogItem, StaleNotice
from sunshine.disclosure.catalog.stale import check_all_catalogs
from sunshine.disclosure.records import services as record_services
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories.catalog import item, published_record

pytestmark = pytest.mark.django_db

# 2026-09-30 + 20 wd = 2026-11-03 (the National Day holidays, 1–8 October, in between).
CREATED = dt.date(2026, 9, 30)
DUE = dt.date(2026, 11, 3)


def flags(entry) -> tuple:
    entry.refresh_from_db()
    return entry.stale, entry.stale_period, entry.stale_due


def test_event_driven_item_is_stale_after_its_limit_without_any_publication(catalog_people):
    with clock.frozen(CREATED):
        entry = item(catalog_people)
    with clock.frozen(DUE):
        check_all_catalogs()
    assert flags(entry) == (False, "", None)  # the last day is still in time
    with clock.frozen(DUE + dt.timedelta(days=1)):
        result = check_all_catalogs()
    assert result["flagged"] == 1 and result["notified"] == 1
    assert flags(entry) == (True, "since-2026-09-30", DUE)
    assert AuditEvent.objects.filter(action="catalog.item_stale").count() == 1
    notice = Notification.objects.get(event="catalog.stale")
    assert notice.recipient == catalog_people["officer"]
    assert "2026-11-03" in notice.body and notice.url == f"/workbench/catalog/item/{entry.pk}/"
    # Once per item and period: the next days flag nothing new and tell nobody again.
    with clock.frozen(DUE + dt.timedelta(days=2)):
        again = check_all_catalogs()
    assert again == {"checked": 1, "flagged": 0, "cleared": 0, "notified": 0}
    assert Notification.objects.filter(event="catalog.stale").count() == 1
    # Linking a public record clears the flag at once.
    record = published_record(catalog_people)
    services.link_record(item=entry, record=record, actor=catalog_people["officer"])
    assert flags(entry) == (False, "", None)
    assert AuditEvent.objects.filter(action="catalog.item_fresh").count() == 1


def test_only_public_records_count(catalog_people):
    with clock.frozen(CREATED):
        entry = item(catalog_people)
        draft_record = record_services.create_draft(
            actor=catalog_people["drafter"],
            agency=catalog_people["agency"],
            title="尚未发布的公告",
            date_written=CREATED,
            topic="general",
            kind="notice",
            disclosure_mode="proactive",
        )
        services.link_record(item=entry, record=draft_record, actor=catalog_people["officer"])
    with clock.frozen(DUE + dt.timedelta(days=1)):
        check_all_catalogs()
    assert flags(entry)[0] is True


def test_the_review_restarts_event_driven_limits(catalog_people):
    with clock.frozen(dt.date(2025, 1, 6)):
        entry = item(catalog_people)
    with clock.frozen(dt.date(2026, 9, 30)):
        check_all_catalogs()
        assert flags(entry)[0] is True
        catalog = entry.catalog
        catalog.reviewed_at = clock.now()  # as review.complete_review sets it
        catalog.save()
        check_all_catalogs()
        assert flags(entry) == (False, "", None)
    with clock.frozen(DUE + dt.timedelta(days=1)):
        check_all_catalogs()
    assert flags(entry) == (True, "since-2026-09-30", DUE)
    assert StaleNotice.objects.filter(item=entry).count() == 2  # one per period


def test_yearly_item_is_stale_when_this_years_publication_is_missing(catalog_people):
    with clock.frozen(dt.date(2025, 6, 1)):
        entry = item(catalog_people, time_limit="每年3月底前", category="财政预决算")
    # 2025's due date (31 March) passed before the item existed: not judged.
    with clock.frozen(dt.date(2026, 3, 31)):
        check_all_catalogs()
    assert flags(entry)[0] is False
    with clock.frozen(dt.date(2026, 4, 1)):
        check_all_catalogs()
    assert flags(entry) == (True, "2026", dt.date(2026, 3, 31))
    # A publication in April counts (late) for this year; the flag clears.
    late = published_record(catalog_people, title="2026年部门预算", when=dt.date(2026, 4, 20))
    with clock.frozen(dt.date(2026, 4, 21)):
        services.link_record(item=entry, record=late, actor=catalog_people["officer"])
    assert flags(entry)[0] is False
    # Next year nothing new is published: stale again for 2027, although the April 2026
    # publication is less than a year old.
    with clock.frozen(dt.date(2027, 4, 1)):
        check_all_catalogs()
    assert flags(entry) == (True, "2027", dt.date(2027, 3, 31))


def test_early_publication_counts_for_the_coming_period(catalog_people):
    with clock.frozen(dt.date(2025, 6, 1)):
        entry = item(catalog_people, time_limit="每年3月底前", category="财政预决算")
    early = published_record(catalog_people, title="2026年部门预算", when=dt.date(2025, 12, 20))
    with clock.frozen(dt.date(2025, 12, 21)):
        services.link_record(item=entry, record=early, actor=catalog_people["officer"])
    with clock.frozen(dt.date(2026, 4, 1)):
        check_all_catalogs()
    assert flags(entry)[0] is False


def test_quarterly_item(catalog_people):
    with clock.frozen(dt.date(2026, 1, 5)):
        entry = item(catalog_people, time_limit="每季度结束后15日内")
    with clock.frozen(dt.date(2026, 4, 16)):
        check_all_catalogs()
    assert flags(entry) == (True, "2026-Q1", dt.date(2026, 4, 15))
    report = published_record(catalog_people, title="一季度低保对象名单", when=dt.date(2026, 4, 17))
    with clock.frozen(dt.date(2026, 4, 18)):
        services.link_record(item=entry, record=report, actor=catalog_people["officer"])
    assert flags(entry)[0] is False
    with clock.frozen(dt.date(2026, 7, 16)):
        check_all_catalogs()
    assert flags(entry) == (True, "2026-Q2", dt.date(2026, 7, 15))


def test_items_that_are_never_stale(catalog_people):
    with clock.frozen(dt.date(2025, 1, 6)):
        vague = item(catalog_people, time_limit="及时公开")
        on_request = item(catalog_people, mode="on_request", content="依申请的内容")
        inactive = item(catalog_people, content="已停用")
        services.update_item(item=inactive, actor=catalog_people["officer"], active=False)
    with clock.frozen(dt.date(2026, 9, 30)):
        check_all_catalogs()
    assert not CatalogItem.objects.filter(pk__in=[vague.pk, on_request.pk, inactive.pk], stale=True)


def test_stale_items_reach_the_officers_queue_only(catalog_people):
    with clock.frozen(CREATED):
        entry = item(catalog_people)
    with clock.frozen(DUE + dt.timedelta(days=1)):
        check_all_catalogs()
    assert list(selectors.stale_items_for(catalog_people["officer"])) == [entry]
    assert list(selectors.stale_items_for(catalog_people["admin"])) == [entry]
    assert not selectors.stale_items_for(catalog_people["other_officer"]).exists()
    assert not selectors.stale_items_for(catalog_people["drafter"]).exists()
