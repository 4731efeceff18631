"""A process-wide lock so that only one scheduler runs: a PostgreSQL session advisory lock
(held by a connection of its own, released when the process dies), or on SQLite an flock on
a file under VAR_DIR (released by the kernel when the process dies).

The block gets a `HeldLock`; `still_held()` tells a long-running holder whether it still has
the lock. A PostgreSQL session lock goes with its connection: after a database restart (or a
killed backend) the lock is gone while the process runs on, and a second scheduler could take
it. `still_held()` notices the lost connection and takes the lock again on a new one — or
answers False when another process took it meanwhile, and the holder must stop."""

import contextlib
import fcntl
import os
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

SCHEDULER_LOCK = "scheduler"
_PG_KEYS = {SCHEDULER_LOCK: 72_616_101}  # audit uses 72_616_001


class LockHeld(Exception):
    """Another process holds the lock."""


class HeldLock:
    """The lock a block holds; the file lock cannot be lost while the process lives."""

    def still_held(self) -> bool:
        return True


def lock_file_path(name: str) -> Path:
    return Path(settings.VAR_DIR) / f"{name}.lock"


@contextlib.contextmanager
def _file_lock(name: str):
    path = lock_file_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # held for the life of the lock
    try:
        try:
            # flock, not lockf: it also refuses a second open file in the same process.
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            raise LockHeld(f"{path} ({holder or '?'})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield HeldLock()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


class _PgLock(HeldLock):
    """A session advisory lock on a connection of our own: the thread's usual connection may be
    closed and reopened by close_old_connections(), which would silently drop a session lock."""

    def __init__(self, name: str, using: str):
        self.key, self.using, self.conn = _PG_KEYS[name], using, None

    def acquire(self) -> bool:
        self.release()
        self.conn = connections.create_connection(self.using)
        with self.conn.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [self.key])
            return bool(cursor.fetchone()[0])

    def still_held(self) -> bool:
        try:
            with self.conn.cursor() as cursor:
                cursor.execute("SELECT 1")
            return True  # the session lives, and with it the lock
        except DatabaseError:
            pass
        try:
            return self.acquire()  # the session was lost: ours again unless someone took it
        except DatabaseError:
            return False  # the database is still away: not ours for now

    def release(self) -> None:
        if self.conn is None:
            return
        with contextlib.suppress(DatabaseError):
            with self.conn.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [self.key])
        with contextlib.suppress(DatabaseError):
            self.conn.close()
        self.conn = None


@contextlib.contextmanager
def _pg_lock(name: str, using: str):
    lock = _PgLock(name, using)
    try:
        if not lock.acquire():
            raise LockHeld(f"pg_advisory_lock {lock.key}")
        yield lock
    finally:
        lock.release()


@contextlib.contextmanager
def exclusive_lock(name: str = SCHEDULER_LOCK, using: str = DEFAULT_DB_ALIAS):
    """Hold the named lock for the block (`as lock`: a HeldLock), or raise LockHeld at once."""
    if connections[using].vendor == "postgresql":
        with _pg_lock(name, using) as lock:
            yield lock
    else:
        with _file_lock(name) as lock:
            yield lock
