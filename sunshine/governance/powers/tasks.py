"""Background tasks of the 权力清单 (django-tasks)."""

from django_tasks import task


@task()
def refresh_search_index() -> dict:
    """Daily: index the items whose version starts or ends today. Idempotent."""
    from .indexing import refresh_changed_today

    return refresh_changed_today()
