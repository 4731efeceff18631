"""Background tasks of 好差评 (django-tasks). "ratings.default" runs daily (apps.py)."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=3, backoff_seconds=300)
def apply_default_ratings_task() -> int:
    """基本满意 for every finished item not rated within its period (idempotent)."""
    from .services import apply_default_ratings

    return apply_default_ratings()
