"""The scheduler's PostgreSQL lock goes with its session: after the session is lost (a
database restart, here its backend terminated for real) the scheduler takes the lock again,
or stops when another scheduler took it meanwhile."""

import pytest
from django.db import connection, connections

from sunshine.kernel.jobs.locks import _PG_KEYS, SCHEDULER_LOCK, LockHeld, exclusive_lock

KEY = _PG_KEYS[SCHEDULER_LOCK]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite's file lock lives as long as the process: it cannot be lost",
    ),
]


def _terminate(lock) -> None:
    """End the lock's own database session from another connection (what a restart does)."""
    with lock.conn.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_the_lock_is_taken_again_after_its_session_is_lost():
    with exclusive_lock(SCHEDULER_LOCK) as lock:
        assert lock.still_held()
        _terminate(lock)
        assert lock.still_held()  # nobody else had it: taken again on a new session
        with pytest.raises(LockHeld):  # ...and held: a second scheduler is refused
            with exclusive_lock(SCHEDULER_LOCK):
                pass


def test_a_scheduler_whose_lock_was_taken_meanwhile_must_stop():
    with exclusive_lock(SCHEDULER_LOCK) as lock:
        _terminate(lock)
        rival = connections.create_connection("default")
        try:
            with rival.cursor() as cursor:  # a second scheduler starts during the outage
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [KEY])
                assert cursor.fetchone()[0]
            assert not lock.still_held()
        finally:
            rival.close()


def test_run_forever_stops_when_the_lock_is_lost():
    import threading

    from sunshine.kernel.jobs.scheduler import LockLost, run_forever

    with exclusive_lock(SCHEDULER_LOCK) as lock:
        _terminate(lock)
        rival = connections.create_connection("default")
        try:
            with rival.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [KEY])
            with pytest.raises(LockLost):
                run_forever(scheduler_id="test-scheduler", stopping=threading.Event(), lock=lock)
        finally:
            rival.close()
