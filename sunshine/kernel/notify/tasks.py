"""Background delivery of notifications: the fan-out of a publication, one send job per
batch of deliveries, per-delivery retries with exponential backoff, the hourly digests."""

import logging

from django.core.mail import get_connection
from django.utils import timezone
from django_tasks import task

from sunshine.kernel.jobs.retry import ATTEMPT_KWARG, backoff_delay, retrying

from .delivery import deliver, requeue_stale
from .models import Channel, Delivery

logger = logging.getLogger(__name__)

# E-mail: 5 attempts over about a quarter of an hour (1, 2, 4, 8 minutes apart): enough to ride
# out a mail server restart. Webhooks: 8 attempts, 30 s doubling (≈ 1 h 04 min in all), since a
# receiving system may be down for a deployment. Then the Delivery is FAILED (dead letter).
MAX_ATTEMPTS = 5
WEBHOOK_MAX_ATTEMPTS = 8
WEBHOOK_BACKOFF = 30


@task()
@retrying(max_attempts=MAX_ATTEMPTS, backoff_seconds=60, backoff_factor=2)
def send_delivery(delivery_id: int) -> str:
    return deliver(delivery_id)


@task()
@retrying(max_attempts=WEBHOOK_MAX_ATTEMPTS, backoff_seconds=WEBHOOK_BACKOFF, backoff_factor=2)
def send_webhook(delivery_id: int) -> str:
    return deliver(delivery_id)


def retry_later(delivery_id: int, channel: str) -> None:
    """A delivery of a batch failed its first attempt: its own task takes over, attempt 2."""
    if channel == Channel.WEBHOOK:
        retry, first = send_webhook, WEBHOOK_BACKOFF
    else:
        retry, first = send_delivery, 60
    delay = backoff_delay(1, backoff_seconds=first, factor=2, max_backoff_seconds=3600)
    retry.using(run_after=timezone.now() + delay).enqueue(delivery_id, **{ATTEMPT_KWARG: 2})


@task()
def send_batch(delivery_ids: list[int]) -> dict:
    """Send up to a few hundred deliveries over one SMTP connection; one failure does not
    stop the batch (the failed delivery is retried by its own task)."""
    counts: dict[str, int] = {}
    channels = dict(Delivery.objects.filter(pk__in=delivery_ids).values_list("pk", "channel"))
    connection = get_connection(fail_silently=False)
    try:
        if any(channels.get(pk) == Channel.EMAIL for pk in delivery_ids):
            try:
                connection.open()  # one SMTP session for the whole batch
            except OSError:
                pass  # each message then reports the failure itself and is retried
        for delivery_id in delivery_ids:
            try:
                outcome = deliver(delivery_id, connection=connection, final=False)
            except Exception as exc:
                logger.warning("delivery %s failed: %r", delivery_id, exc)
                outcome = "retrying"
                retry_later(delivery_id, channels.get(delivery_id, Channel.EMAIL))
                if channels.get(delivery_id) == Channel.EMAIL:
                    connection.close()  # a broken SMTP session: the next message reconnects
            counts[outcome] = counts.get(outcome, 0) + 1
    finally:
        connection.close()
    return counts


@task()
def fan_out(publication_id: int) -> dict:
    from .publish import fan_out_now

    result = fan_out_now(publication_id)
    if result is None:
        return {"done": False}
    return {"deliveries": result.deliveries, "digests": result.digests}


@task()
def send_digests() -> dict:
    from .digests import build_digests

    stale = requeue_stale()
    return {**build_digests(), "requeued": len(stale)}
