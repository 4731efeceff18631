"""Background tasks of the search kernel (django-tasks); scheduled in feature.py."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=3, backoff_seconds=300)
def prune_query_counts_task() -> int:
    """Delete the query counts older than services.QUERY_COUNT_DAYS (idempotent)."""
    from .services import prune_query_counts

    return prune_query_counts()
