"""Periodic jobs of citizen messages."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=3, backoff_seconds=300)
def close_stale_replied_task() -> int:
    """Daily: replied messages without a rating for N days are closed (办结)."""
    from .services import close_stale_replied

    return close_stale_replied()
