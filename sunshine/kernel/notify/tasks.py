"""Background delivery of notifications."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying

from .delivery import deliver

# 5 attempts over about a quarter of an hour (1, 2, 4, 8 minutes apart): enough to ride out
# a mail server restart; after that the Delivery is FAILED with its last error.
MAX_ATTEMPTS = 5


@task()
@retrying(max_attempts=MAX_ATTEMPTS, backoff_seconds=60, backoff_factor=2)
def send_delivery(delivery_id: int) -> str:
    return deliver(delivery_id)
