"""Background task of 政务公开培训 (django-tasks)."""

from django_tasks import task


@task()
def run_attendance_import(job_id: int) -> str:
    """A CSV attendance import (a kernel FileJob started by imports.start_import)."""
    from .imports import run_import_job

    return run_import_job(job_id)
