"""Background tasks of the released files (django-tasks)."""

from django_tasks import task


@task()
def produce_released_file(job_id: int) -> str:
    """Preview or release of a long file (a kernel FileJob started by services.start_production)."""
    from .services import run_production_job

    return run_production_job(job_id)
