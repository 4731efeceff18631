"""Background jobs of 政务公开考核: a run's computation, a large XLSX export."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=2, backoff_seconds=60)
def compute_run_task(run_id: int) -> dict:
    from .services import compute_run

    run = compute_run(run_id)
    return {"run": run_id, "state": run.state if run else None}


@task()
def export_run_task(job_id: int) -> dict:
    from .export import run_export_job

    return run_export_job(job_id)
