"""Background tasks of 采集 (django-tasks): a run started on the workbench, and the periodic job."""

from django_tasks import task


@task()
def run_harvest_job(job_id: int) -> str:
    """One harvest run (a kernel FileJob started by harvest.start_run)."""
    from .harvest import run_job

    return run_job(job_id)


@task()
def run_scheduled_harvests() -> dict:
    """Hourly: the sources whose daily or weekly harvest is due."""
    from .harvest import run_due

    return run_due()
