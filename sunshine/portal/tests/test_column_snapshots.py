"""The column snapshots behind the page cache: the job stores every column's list; a page with
a cold cache reads them in one query, and recomputes a list older than SNAPSHOT_SECONDS."""

import datetime as dt

import pytest
from django.core.cache import cache

from sunshine.kernel import clock
from sunshine.portal import columns
from sunshine.portal.models import ColumnSnapshot

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 10, 9, 9, 0)


@pytest.fixture
def titles():
    """A column provider whose items the test changes."""
    current = ["第一条"]

    def provider(request, limit):
        return [
            columns.ColumnItem(t, f"/doc/{i}/", dt.date(2026, 10, 1 + i))
            for i, t in enumerate(current)
        ]

    columns.register_column_provider("sjkf", provider)
    yield current
    columns.unregister_column_provider("sjkf", provider)


def test_cold_home_reads_the_snapshots_and_recomputes_old_ones(client, titles):
    with clock.frozen(NOW):
        assert columns.refresh_snapshots() >= 2
        row = ColumnSnapshot.objects.get(slug="sjkf", size=8)
        assert row.items == [{"title": "第一条", "url": "/doc/0/", "date": "2026-10-01"}]
        titles[:] = ["第二条", "第三条"]
        cache.clear()
        assert "第一条" in client.get("/").content.decode()  # the stored list, in one query
    later = NOW + dt.timedelta(seconds=columns.SNAPSHOT_SECONDS + 1)
    with clock.frozen(later):
        cache.clear()
        html = client.get("/").content.decode()
        assert "第二条" in html and "第三条" in html and "第一条" not in html
        assert ColumnSnapshot.objects.get(slug="sjkf", size=8).refreshed_at == clock.now()


def test_items_keep_their_dates_and_forgetting_a_column_drops_its_snapshots(titles):
    with clock.frozen(NOW):
        columns.refresh_snapshots()
        [item] = columns.snapshot_items(None, ["sjkf"], 20)["sjkf"]
        assert (item.title, item.url, item.date) == ("第一条", "/doc/0/", dt.date(2026, 10, 1))
        columns.forget_cached_columns(None, "sjkf")
        assert not ColumnSnapshot.objects.filter(slug="sjkf").exists()
