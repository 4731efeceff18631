"""Background task of the annual report: "annualreport.open_year" runs daily (feature.py) and
opens, from 1 January, each agency's report of the past year with its deadline clock (idempotent)."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=3, backoff_seconds=60)
def open_year_task() -> int:
    from .services import open_year

    return open_year()
