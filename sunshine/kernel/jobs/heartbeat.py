"""Heartbeats of worker and scheduler processes, so that /healthz can tell whether anyone is
running the queue. A worker beats from a small thread every HEARTBEAT_SECONDS, independent of
how long its current task takes."""

import logging
import os
import socket
import threading
from collections.abc import Callable

from django.db import DatabaseError, close_old_connections, connections

from sunshine.kernel import clock

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 20


def new_worker_id(kind: str) -> str:
    """Unique per process and readable in the admin: `worker@host-1234-ab12`."""
    from django.utils.crypto import get_random_string

    host = socket.gethostname()[:30]
    return f"{kind}@{host}-{os.getpid()}-{get_random_string(4).lower()}"[:64]


def record_heartbeat(
    *, worker_id: str, kind: str = WorkerHeartbeat.Kind.WORKER, queues: str = ""
) -> WorkerHeartbeat:
    """Create the process's row on its first beat, then move `last_seen` forward."""
    now = clock.now()
    identity = {"kind": kind, "host": socket.gethostname()[:255], "pid": os.getpid()}
    beat, _ = WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now, "stopped_at": None},
        create_defaults={**identity, "queues": queues[:200], "started_at": now, "last_seen": now},
    )
    return beat


def record_stopped(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(stopped_at=clock.now())


class HeartbeatThread(threading.Thread):
    """Beats every `interval` seconds until `stop()`, then calls `after_beat` (the worker
    sweeps orphaned tasks there); a failed beat or sweep is logged, not fatal."""

    def __init__(
        self,
        *,
        worker_id: str,
        kind: str,
        interval: float = HEARTBEAT_SECONDS,
        after_beat: Callable[[], object] | None = None,
    ):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.kind = kind
        self.interval = interval
        self.after_beat = after_beat
        self._stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self._stopping.wait(self.interval):
                try:
                    # A connection broken by a database outage is dropped here and opened
                    # again by the beat; otherwise every later beat fails on it.
                    close_old_connections()
                    record_heartbeat(worker_id=self.worker_id, kind=self.kind)
                    if self.after_beat is not None:
                        self.after_beat()
                except DatabaseError:
                    logger.exception("heartbeat of %s failed", self.worker_id)
        finally:
            connections.close_all()  # this thread's own connections

    def stop(self, timeout: float = 10) -> None:
        self._stopping.set()
        if self.is_alive():
            self.join(timeout)
