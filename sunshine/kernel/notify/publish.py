"""Publications (推送): the one hook every module calls when something goes public, and the
fan-out to its subscribers.

    from sunshine.kernel.notify.publish import announce
    announce(item=f"record.{record.pk}", version=str(number), title=record.title,
             url=f"/zcwj/{record.pk}/", topics=["column.zcwj", f"agency.{record.agency_id}"])

`announce` only writes a `Publication` row (the outbox) and, after the publishing transaction
commits, enqueues `fan_out`, so publishing stays fast however many people follow. The fan-out
matches subscriptions on the item itself (`record.12`), on each topic given and their prefix
patterns (`column.*`, never the bare `*`, which is for events), and on saved searches; then, per
recipient and channel, exactly one Delivery (idempotency key `<item>|<channel>|<recipient>`)
or one digest entry. Rows are bulk-inserted with conflicts ignored, so a second fan-out of the
same publication inserts nothing; deliveries are sent by one job per batch."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sunshine.kernel import clock

from . import emails, quiet
from .models import (
    Channel,
    Delivery,
    DigestEntry,
    Frequency,
    Notification,
    Publication,
    Subscription,
)
from .topics import check_name, patterns_for, search_matches

logger = logging.getLogger(__name__)

BATCH = 500  # deliveries per send job; rows per bulk insert


def announce(
    *,
    item: str,
    title: str,
    url: str = "",
    summary: str = "",
    topics: list[str] | tuple = (),
    version: str = "",
    facets: dict | None = None,
) -> Publication | None:
    """Record that `item` (or a new `version` of it) went public; subscribers are told after
    the caller's transaction commits. Announcing the same (item, version) again does nothing."""
    check_name(item)
    # A bad topic name must never stop a publication: it is left out (and logged).
    topics = [t for t in topics if _valid(t)]
    publication, created = Publication.objects.get_or_create(
        item=item,
        version=version,
        defaults={
            "topics": [item, *[t for t in topics if t != item]],
            "title": title[:300],
            "summary": summary,
            "url": url[:500],
            "facets": {"text": f"{title} {summary}", **(facets or {})},
            "created_at": clock.now(),
        },
    )
    if not created:
        return None
    if getattr(settings, "NOTIFY_FAN_OUT_INLINE", False):
        transaction.on_commit(lambda: fan_out_now(publication.pk))
    else:

        def enqueue():
            from .tasks import fan_out

            fan_out.enqueue(publication.pk)

        transaction.on_commit(enqueue)
    return publication


def _valid(topic: str) -> bool:
    try:
        check_name(topic)
    except ValidationError:
        logger.warning("announce: topic %r left out (not a topic name)", topic)
        return False
    return True


@dataclass
class FanOut:
    publication: Publication
    deliveries: int = 0
    digests: int = 0
    notifications: list | None = None


def _candidates(publication: Publication):
    patterns = set()
    for topic in publication.topics:
        patterns.update(p for p in patterns_for(topic) if p != "*")
    return (
        Subscription.objects.filter(enabled=True)
        .filter(Q(topic__in=patterns) | Q(topic__startswith="search."))
        .filter(Q(user__isnull=True, confirmed=True) | Q(user__is_active=True))
        .select_related("user")
        .order_by("pk")
    )


def _recipient(sub: Subscription) -> str:
    if sub.channel == Channel.WEBHOOK:
        return f"s{sub.pk}"  # each webhook is its own recipient
    return f"u{sub.user_id}" if sub.user_id else f"e{sub.email}"


def _rank(sub: Subscription, publication: Publication) -> tuple:
    # Immediate beats a digest; then the most specific topic (the item itself first).
    exact = sub.topic in publication.topics
    return (sub.frequency == Frequency.IMMEDIATE, exact, sub.topic == publication.item)


def _disabled_addresses(addresses: set[str]) -> set[str]:
    from .models import MailAddress

    found = set()
    chunk = list(addresses)
    for i in range(0, len(chunk), 900):
        found.update(
            MailAddress.objects.filter(
                address__in=chunk[i : i + 900], disabled_at__isnull=False
            ).values_list("address", flat=True)
        )
    return found


@transaction.atomic
def fan_out_now(publication_id: int) -> FanOut | None:
    """Turn one publication into deliveries, digest entries and inbox messages. Safe to run
    twice: the publication row is locked and marked, and every row has a unique key."""
    publication = Publication.objects.select_for_update().filter(pk=publication_id).first()
    if publication is None or publication.fanned_out_at is not None:
        return None
    chosen: dict[tuple, Subscription] = {}
    for sub in _candidates(publication).iterator(chunk_size=2000):
        if sub.topic.startswith("search.") and not search_matches(sub.filters, publication.facets):
            continue
        if sub.channel != Channel.WEBHOOK and not sub.address:
            continue
        key = (_recipient(sub), sub.channel)
        if key not in chosen or _rank(sub, publication) > _rank(chosen[key], publication):
            chosen[key] = sub
    emails_to = {s.address for s in chosen.values() if s.channel == Channel.EMAIL}
    disabled = _disabled_addresses(emails_to) if emails_to else set()
    now = clock.now()
    held_until = quiet.end_of_quiet_hours(now)
    result = FanOut(publication=publication, notifications=[])
    deliveries, entries, notes = [], [], []
    for (recipient, channel), sub in chosen.items():
        if channel == Channel.EMAIL and sub.address in disabled:
            continue
        if sub.frequency != Frequency.IMMEDIATE and channel != Channel.WEBHOOK:
            entries.append(DigestEntry(subscription=sub, publication=publication, created_at=now))
        elif channel == Channel.INBOX:
            notes.append(
                Notification(
                    recipient_id=sub.user_id,
                    event=sub.topic if not sub.topic.endswith("*") else publication.item,
                    subject=publication.title[:200],
                    body=publication.summary,
                    url=publication.url,
                    created_at=now,
                )
            )
        else:
            deliveries.append(_delivery(publication, sub, recipient, now, held_until))
    for i in range(0, len(entries), BATCH):
        DigestEntry.objects.bulk_create(entries[i : i + BATCH], ignore_conflicts=True)
    result.notifications = Notification.objects.bulk_create(notes, batch_size=BATCH)
    for i in range(0, len(deliveries), BATCH):
        Delivery.objects.bulk_create(deliveries[i : i + BATCH], ignore_conflicts=True)
    result.deliveries, result.digests = len(deliveries), len(entries)
    publication.fanned_out_at = now
    publication.recipients = len(deliveries) + len(entries) + len(notes)
    publication.save(update_fields=["fanned_out_at", "recipients"])
    transaction.on_commit(lambda: enqueue_queued(item=publication.key))
    return result


def _delivery(publication, sub, recipient, now, held_until) -> Delivery:
    key = f"{publication.key}|{sub.channel}|{recipient}"[:200]
    common = {
        "channel": sub.channel,
        "event": publication.item,
        "subject": publication.title[:200],
        "subscription": sub,
        "created_at": now,
        "idempotency_key": key,
        "item": publication.key,
    }
    if sub.channel == Channel.WEBHOOK:
        return Delivery(
            address=sub.webhook_url,
            body="",
            payload=webhook_payload(publication, sub, key),
            **common,
        )
    text, html = emails.publication_email(publication, sub)
    # Quiet hours (免打扰): an immediate e-mail raised at night waits for the morning.
    return Delivery(address=sub.address, body=text, html_body=html, send_after=held_until, **common)


def webhook_payload(publication: Publication, sub: Subscription, key: str) -> dict:
    """The JSON body of a webhook call; its schema is `WebhookEvent` in the OpenAPI document
    (sunshine/api). Fixed when queued, so every retry sends the same bytes."""
    return {
        "id": key,
        "type": "publication",
        "subscription": sub.pk,
        "topic": sub.topic,
        "item": publication.item,
        "version": publication.version,
        "title": publication.title,
        "summary": publication.summary,
        "url": emails.absolute_url(publication.url),
        "topics": publication.topics,
        "published_at": publication.created_at.astimezone(dt.UTC).isoformat(),
    }


def enqueue_queued(*, item: str) -> int:
    """One send job per batch of the item's queued deliveries (held ones run at their time)."""
    from .tasks import send_batch

    rows = Delivery.objects.filter(item=item, status=Delivery.Status.QUEUED).values_list(
        "pk", "send_after"
    )
    groups: dict = {}
    for pk, after in rows.order_by("pk"):
        groups.setdefault(after, []).append(pk)  # held e-mails wait; webhooks do not
    jobs = 0
    for after, ids in groups.items():
        task = send_batch
        if after is not None and after > timezone.now():
            task = send_batch.using(run_after=after)
        for i in range(0, len(ids), BATCH):
            task.enqueue(ids[i : i + BATCH])
            jobs += 1
    return jobs
