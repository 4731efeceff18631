"""Background tasks of 征求意见 (periodic job "consultations.sync_states", apps.py)."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=3, backoff_seconds=60)
def sync_states() -> dict:
    """Open started, close ended consultations (idempotent)."""
    from .services import sync_consultation_states

    return sync_consultation_states()


@task()
def run_comments_export(job_id: int) -> str:
    """A large export of a consultation's comments (a kernel FileJob, exports.start_export)."""
    from .exports import run_export_job

    return run_export_job(job_id)
