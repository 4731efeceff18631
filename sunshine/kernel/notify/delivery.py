"""Sending one queued Delivery (the write path of the delivery log), by e-mail or webhook.
Called by the send tasks, which retry on failure (jobs.retry); safe to call twice.

Exactly once where the channel allows it: a worker first *claims* the row (QUEUED → SENDING
in one UPDATE), so two workers never send the same delivery; the webhook carries the
delivery's idempotency key (`Idempotency-Key`) so a receiver drops a repeat, and an e-mail
keeps its Message-ID across retries. If a worker dies after sending and before recording,
the row stays SENDING and `requeue_stale` (hourly with the digests) puts it back: the message
may then arrive twice — e-mail is at-least-once (documented in docs/notify.md)."""

import datetime as dt
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.db.models import F

from sunshine.kernel import clock, netguard
from sunshine.kernel.jobs.retry import current_attempt

from .emails import CONFIRM_EVENT, unsubscribe_url
from .models import Channel, Delivery, MailAddress

WEBHOOK_TIMEOUT = 10
SIGNATURE_HEADER = "X-Sunshine-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


class WebhookError(Exception):
    pass


def build_email(delivery: Delivery) -> EmailMultiAlternatives:
    headers = {"Auto-Submitted": "auto-generated"}
    if delivery.message_id:
        headers["Message-ID"] = delivery.message_id
    subscription = delivery.subscription
    if subscription is not None and delivery.event != CONFIRM_EVENT:
        # RFC 2369 / RFC 8058: mail clients offer a one-click unsubscribe button, which POSTs
        # "List-Unsubscribe=One-Click" to this link (no cookie, no CSRF token: the token is it).
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(subscription)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers=headers,
    )
    if delivery.html_body:
        message.attach_alternative(delivery.html_body, "text/html")
    return message


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """`t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (the receiver recomputes it and
    rejects old timestamps, which stops replays of a captured request)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, body: bytes, header: str, *, tolerance: int = 300, now=None) -> bool:
    """What a receiver does (documented; used by our tests)."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (ValueError, KeyError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, body, timestamp), header)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect could point at the intranet: treat it as a failure


def post_webhook(delivery: Delivery) -> int:
    sub = delivery.subscription
    reason = netguard.refused_reason(
        delivery.address, allow_private=getattr(settings, "NOTIFY_WEBHOOK_ALLOW_PRIVATE", False)
    )
    if reason is not None:
        raise WebhookError(f"refused URL ({reason})")
    body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()
    request = urllib.request.Request(
        delivery.address,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Sunshine-Webhook/1",
            SIGNATURE_HEADER: sign(sub.webhook_secret if sub else "", body, int(time.time())),
            IDEMPOTENCY_HEADER: delivery.idempotency_key or f"delivery-{delivery.pk}",
            "X-Sunshine-Event": str((delivery.payload or {}).get("type", "publication")),
        },
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=WEBHOOK_TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        delivery.response_status = exc.code
        raise WebhookError(f"HTTP {exc.code}") from None


def _claim(delivery_id: int) -> Delivery | None:
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.SENDING, attempts=F("attempts") + 1, claimed_at=clock.now()
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("subscription", "subscription__user").get(pk=delivery_id)


def _address_disabled(address: str) -> bool:
    return MailAddress.objects.filter(address=address, disabled_at__isnull=False).exists()


def deliver(delivery_id: int, *, connection=None, final: bool | None = None) -> str:
    """Send the delivery if it is still queued (and not held by quiet hours); record the
    attempt. Raises when sending fails, so that the task is retried; on the last attempt the
    delivery becomes FAILED (the dead-letter list)."""
    current = Delivery.objects.filter(pk=delivery_id).values("status", "send_after").first()
    if current is None:
        return "missing"
    if current["status"] != Delivery.Status.QUEUED:
        return current["status"]  # sent, being sent or given up: a repeat does nothing
    if current["send_after"] and current["send_after"] > clock.now():
        return "held"
    delivery = _claim(delivery_id)
    if delivery is None:
        return "claimed"  # another worker got it first
    fields = ["status", "last_error", "sent_at", "response_status", "message_id"]
    try:
        if delivery.channel == Channel.EMAIL:
            if _address_disabled(delivery.address):
                delivery.status, delivery.last_error = (
                    Delivery.Status.FAILED,
                    "address disabled after hard bounces",
                )
                delivery.save(update_fields=fields)
                return delivery.status
            if not delivery.message_id:
                # Stored before sending: a retry sends the same Message-ID.
                delivery.message_id = make_msgid(domain=settings.SITE_DOMAIN)
                Delivery.objects.filter(pk=delivery.pk).update(message_id=delivery.message_id)
            message = build_email(delivery)
            message.connection = connection
            message.send(fail_silently=False)
        elif delivery.channel == Channel.WEBHOOK:
            delivery.response_status = post_webhook(delivery)
        else:
            raise ValueError(f"no sender for channel {delivery.channel}")
    except Exception as exc:
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        last = current_attempt().is_last if final is None else final
        delivery.status = Delivery.Status.FAILED if last else Delivery.Status.QUEUED
        delivery.save(update_fields=fields)
        raise
    delivery.status, delivery.last_error = Delivery.Status.SENT, ""
    delivery.sent_at = clock.now()
    delivery.save(update_fields=fields)
    return delivery.status


def requeue_stale(*, older_than: dt.timedelta = dt.timedelta(minutes=30)) -> list[int]:
    """Deliveries left SENDING by a worker that died: back to QUEUED (at-least-once)."""
    cutoff = clock.now() - older_than
    stale = Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=cutoff)
    ids = list(stale.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.QUEUED)
    return ids
