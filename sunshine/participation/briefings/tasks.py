"""Q4 reminder: agencies whose principal leader has not briefed yet this year are told."""

from django_tasks import task


@task()
def remind_uncovered_agencies() -> dict:
    from .reminders import remind_uncovered

    return {"reminded": remind_uncovered()}
