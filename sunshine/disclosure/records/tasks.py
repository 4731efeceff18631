"""Background tasks of records (django-tasks). "records.publish_scheduled" runs every minute
(apps.py). No `retrying`: the next minute's sweep is the retry, and it is idempotent."""

from django_tasks import task


@task()
def publish_scheduled_records() -> dict:
    """Publish the scheduled records whose time has come; report the late ones."""
    from .scheduling import publish_due_records

    return publish_due_records()
