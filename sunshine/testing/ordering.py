"""The order and the selection of the collected tests (a plugin of the root conftest.py).

- Longest first. Under pytest-xdist each worker runs its share in collection order, and the
  scheduler hands out the first quarter of the list at once; a five-minute test that comes last
  leaves the other worker idle for five minutes. So the tests marked `long` (minutes), then those
  that start processes, servers or a browser (`slow`, `browser`), come before the rest; within
  each group the order of the files is kept, so module fixtures are still shared.
- SUNSHINE_TESTS_NEED_DB=1 (CI's second phase, on PostgreSQL) keeps only the tests that use the
  database. The others (parsers, file limits, bounded workers, pure functions) are refused any
  database access by pytest-django, so they cannot behave differently on another database; they
  ran in the first phase."""

import os

import pytest

# Fixtures through which a test reaches the database (pytest-django's, and live_server's).
DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def uses_database(item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DB_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def weight(item) -> int:
    if item.get_closest_marker("long") is not None:
        return 0
    if item.get_closest_marker("slow") is not None or item.get_closest_marker("browser"):
        return 1
    return 2


@pytest.hookimpl(trylast=True)  # after the folders' conftest.py files have added their marks
def pytest_collection_modifyitems(config, items):
    if os.environ.get("SUNSHINE_TESTS_NEED_DB") == "1":
        kept = [item for item in items if uses_database(item)]
        dropped = [item for item in items if not uses_database(item)]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    items.sort(key=weight)  # stable: the files' order within each group
