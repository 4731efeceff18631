"""Background tasks of the deadline engine (django-tasks). Registered as the periodic job
"deadlines.sweep" (every 5 minutes) in apps.py."""

from django_tasks import task


@task()
def sweep_clocks() -> dict:
    """Update urgency states, record changes, raise due-soon/overdue alerts (idempotent)."""
    from .sweep import sweep_open_clocks

    return sweep_open_clocks()
