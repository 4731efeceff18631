"""Background tasks of 公共资源交易 (django-tasks). Idempotent: re-running an import changes
nothing that is already there (source id + version)."""

from django_tasks import task


@task()
def run_trading_import(job_id: int) -> str:
    """An uploaded feed file (a kernel FileJob started by harvest.start_upload_import)."""
    from .harvest import run_upload_job

    return run_upload_job(job_id)


@task()
def pull_due_feeds() -> dict:
    """Pull every enabled feed source whose own schedule fired since its last run."""
    from .harvest import pull_due_feeds as pull

    return pull()
