"""Background tasks of 政务舆情 (django-tasks). `notify_overdue` is the periodic job
"opinion.overdue_notices" (apps.py); a failed run is simply repeated by the next one."""

from django_tasks import task


@task()
def notify_overdue() -> dict:
    """Tell the general office about overdue opinion clocks, once each (idempotent)."""
    from .alerts import notify_general_office

    return notify_general_office()
