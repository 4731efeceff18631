"""A process-wide lock so that only one scheduler runs: a PostgreSQL session advisory lock
(held by a connection of its own, released when the process dies), or on SQLite an flock on
a file under VAR_DIR (released by the kernel when the process dies)."""

import contextlib
import fcntl
import os
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

SCHEDULER_LOCK = "scheduler"
_PG_KEYS = {SCHEDULER_LOCK: 72_616_101}  # audit uses 72_616_001


class LockHeld(Exception):
    """Another process holds the lock."""


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
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


@contextlib.contextmanager
def _pg_lock(name: str, using: str):
    # A connection of our own: the thread's usual connection may be closed and reopened by
    # close_old_connections(), which would silently drop a session-level lock.
    conn = connections.create_connection(using)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_PG_KEYS[name]])
            acquired = cursor.fetchone()[0]
        if not acquired:
            raise LockHeld(f"pg_advisory_lock {_PG_KEYS[name]}")
        try:
            yield
        finally:
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_PG_KEYS[name]])
    finally:
        conn.close()


@contextlib.contextmanager
def exclusive_lock(name: str = SCHEDULER_LOCK, using: str = DEFAULT_DB_ALIAS):
    """Hold the named lock for the block, or raise LockHeld at once."""
    if connections[using].vendor == "postgresql":
        with _pg_lock(name, using):
            yield
    else:
        with _file_lock(name):
            yield
