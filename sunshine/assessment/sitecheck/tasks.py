"""Background tasks of 网站自查 (django-tasks)."""

from django_tasks import task


@task()
def monthly_crawl_task() -> dict:
    """Queue and run a self-check of every site of the cluster."""
    from .services import crawl_all_sites

    return crawl_all_sites()


@task()
def crawl_task(run_id: int) -> dict:
    """Run one queued self-check (idempotent: a run that already ended is left alone)."""
    from .services import execute_run

    return execute_run(run_id)


@task()
def yearly_reports_task() -> dict:
    """On 1 January: draft last year's report of every site and start its publication clock."""
    from .yearly import draft_all_reports

    return draft_all_reports()
