"""Background tasks of 依申请公开 (django-tasks). "foi.third_party_lapse" runs every 5 minutes
(apps.py): a third party silent past its 15 wd no longer holds the reply clock (条例 Art. 32)."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying


@task()
@retrying(max_attempts=3, backoff_seconds=60)
def lapse_silent_consultations_task() -> int:
    from .services import lapse_silent_consultations

    return lapse_silent_consultations()
