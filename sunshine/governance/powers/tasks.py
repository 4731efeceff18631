"""Background tasks of the 权力清单 (django-tasks)."""

from django_tasks import task


@task()
def refresh_search_index() -> dict:
    """Daily: index the items whose version starts or ends today. Idempotent."""
    from .indexing import refresh_changed_today

    return refresh_changed_today()


@task()
def run_power_import(job_id: int) -> str:
    """A large 权力清单 import (a kernel FileJob started by xlsx.start_import)."""
    from .xlsx import run_import_job

    return run_import_job(job_id)
