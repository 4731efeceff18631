"""Helpers for tests that run the real task queue in-process (django-tasks-db's Worker).

The worker opens and checks connections itself, so tests that use these need
`@pytest.mark.django_db(transaction=True)`."""

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max


def run_worker_batch(*, max_tasks: int | None = None, worker_id: str = "test-worker") -> int:
    """Run every task that is ready now (and those they enqueue, if ready), then return the
    number of tasks run."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks


def make_deferred_tasks_due() -> int:
    """Move tasks waiting for a later `run_after` (e.g. retries in backoff) to now."""
    now = timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, run_after__gt=now, run_after__lt=get_date_max()
    ).update(run_after=now)
