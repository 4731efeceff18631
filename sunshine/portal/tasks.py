"""Periodic job of the portal (registered in apps.py)."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=2, backoff_seconds=30)
def refresh_column_snapshots_task() -> int:
    """Every minute: the column lists of the home and column pages (columns.py), so that a
    page with a cold cache reads them in one query."""
    from .columns import refresh_snapshots

    return refresh_snapshots()
