"""Background tasks of the spot checks (django-tasks)."""

from django_tasks import task


@task()
def run_library_import(job_id: int) -> str:
    """A large library import (a kernel FileJob started by libraries.start_import)."""
    from .libraries import run_import_job

    return run_import_job(job_id)
