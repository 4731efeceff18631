"""Sending one queued Delivery (the write path of the delivery log). Called by the
`send_delivery` task, which retries on failure (jobs.retry); safe to call twice."""

from django.conf import settings
from django.core.mail import EmailMessage

from sunshine.kernel import clock
from sunshine.kernel.jobs.retry import current_attempt

from .emails import CONFIRM_EVENT, unsubscribe_url
from .models import Channel, Delivery


def build_email(delivery: Delivery) -> EmailMessage:
    headers = {"Auto-Submitted": "auto-generated"}
    subscription = delivery.subscription
    if subscription is not None and delivery.event != CONFIRM_EVENT:
        # RFC 2369 / RFC 8058: mail clients offer a one-click unsubscribe button.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(subscription)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers=headers,
    )


def deliver(delivery_id: int) -> str:
    """Send the delivery if it is still queued; record the attempt. Raises when sending
    fails, so that the task is retried; on the last attempt the delivery becomes FAILED."""
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None:
        return "missing"
    if delivery.status != Delivery.Status.QUEUED:
        return delivery.status  # already sent or given up: a repeated task does nothing
    if delivery.channel != Channel.EMAIL:
        raise ValueError(f"no sender for channel {delivery.channel}")
    delivery.attempts += 1
    try:
        build_email(delivery).send(fail_silently=False)
    except Exception as exc:
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if current_attempt().is_last:
            delivery.status = Delivery.Status.FAILED
        delivery.save(update_fields=["attempts", "last_error", "status"])
        raise
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = clock.now()
    delivery.save(update_fields=["attempts", "status", "sent_at"])
    return delivery.status
