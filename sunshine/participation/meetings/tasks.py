"""Background task of meetings: at the application deadline, close and draw (idempotent)."""

from django_tasks import task


@task()
def draw_due_meetings() -> dict:
    from .drawing import draw_due_meetings as run

    return {"drawn": run()}
