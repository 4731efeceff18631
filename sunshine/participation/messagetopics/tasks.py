"""Periodic jobs of the message grouping (registered in apps.py)."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=3, backoff_seconds=60)
def assign_new_messages_task() -> int:
    from .grouping import assign_new_messages

    return assign_new_messages()


@task()
@retrying(max_attempts=3, backoff_seconds=60)
def refresh_hot_scores_task() -> int:
    from .grouping import refresh_hot_scores

    return refresh_hot_scores()


@task()
@retrying(max_attempts=2, backoff_seconds=300)
def regroup_messages_task() -> dict:
    from .grouping import regroup_messages

    result = regroup_messages()
    return {"messages": result.messages, "groups": result.groups}


@task()
@retrying(max_attempts=3, backoff_seconds=60)
def refresh_stats_summary_task() -> dict:
    """Every 10 minutes: the statistics summary's new and changed months (summary.py)."""
    from .summary import refresh

    return refresh()


@task()
@retrying(max_attempts=3, backoff_seconds=300)
def recount_stats_summary_task() -> dict:
    """Nightly: also recount the last three months."""
    from .summary import NIGHTLY_MONTHS, refresh

    return refresh(recount_months=NIGHTLY_MONTHS)
