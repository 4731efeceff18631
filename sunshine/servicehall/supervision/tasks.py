"""Periodic jobs of 电子监察 (registered in apps.py): keep the daily summary up to date."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=3, backoff_seconds=60)
def refresh_summary_task() -> dict:
    """Every 10 minutes: the days since the last build and the days touched since then."""
    from .summary import refresh

    return refresh()


@task()
@retrying(max_attempts=3, backoff_seconds=300)
def recount_recent_task() -> dict:
    """Nightly: also recount the last 40 days (what leaves no workflow step behind)."""
    from .summary import NIGHTLY_DAYS, refresh

    return refresh(full_days=NIGHTLY_DAYS)
