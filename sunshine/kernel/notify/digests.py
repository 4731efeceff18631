"""Daily and weekly digests (每日/每周汇总): one message per subscriber and channel listing the
new items since the last one, grouped by topic, at the subscriber's chosen hour (and weekday)
in Asia/Shanghai. Run hourly by the periodic job `notify.digests`; a missed hour is caught up
at the next run, and a re-run inside the same slot sends nothing (the key names the slot)."""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sunshine.kernel import clock

from . import emails
from .models import Channel, Delivery, DigestEntry, Frequency, Notification, Subscription
from .quiet import SHANGHAI


def last_slot(sub: Subscription, now: dt.datetime) -> dt.datetime:
    """The latest moment at or before `now` when `sub`'s digest is due."""
    local = now.astimezone(SHANGHAI)
    slot = dt.datetime.combine(local.date(), dt.time(sub.digest_hour % 24), tzinfo=SHANGHAI)
    if slot > local:
        slot -= dt.timedelta(days=1)
    if sub.frequency == Frequency.WEEKLY:
        while slot.weekday() != sub.digest_weekday % 7:
            slot -= dt.timedelta(days=1)
    return slot


def _due(now: dt.datetime) -> list[Subscription]:
    pending = DigestEntry.objects.filter(delivery__isnull=True, subscription__enabled=True)
    subs = (
        Subscription.objects.filter(pk__in=pending.values("subscription_id"))
        .filter(frequency__in=[Frequency.DAILY, Frequency.WEEKLY])
        .filter(Q(user__isnull=True, confirmed=True) | Q(user__is_active=True))
        .select_related("user")
    )
    due = []
    for sub in subs:
        slot = last_slot(sub, now)
        if (sub.last_digest_at or sub.created_at) < slot:
            sub.slot = slot
            due.append(sub)
    return due


@transaction.atomic
def build_digests() -> dict:
    now = clock.now()
    by_recipient: dict[tuple, list[Subscription]] = defaultdict(list)
    for sub in _due(now):
        who = f"u{sub.user_id}" if sub.user_id else f"e{sub.email}"
        by_recipient[(who, sub.channel, sub.frequency, sub.slot)].append(sub)
    created = []
    for (who, channel, frequency, slot), subs in by_recipient.items():
        entries = list(
            DigestEntry.objects.filter(subscription__in=subs, delivery__isnull=True)
            .select_related("publication", "subscription")
            .order_by("publication__created_at", "pk")
        )
        groups: dict[str, list] = {}
        seen = set()
        for entry in entries:
            if entry.publication_id in seen:
                continue  # followed twice (a column and its agency): listed once
            seen.add(entry.publication_id)
            label = emails.topic_label(entry.subscription)
            groups.setdefault(label, []).append(entry.publication)
        first = subs[0]
        freq_label = str(Frequency(frequency).label)
        subject, text, html = emails.digest_email(first, list(groups.items()), freq_label)
        key = f"digest|{channel}|{who}|{frequency}|{slot.isoformat()}"
        delivery = Delivery.objects.filter(idempotency_key=key).first()
        if delivery is None:
            delivery = Delivery.objects.create(
                channel=channel,
                address=first.address,
                event="notify.digest",
                subject=subject[:200],
                body=text,
                html_body=html if channel == Channel.EMAIL else "",
                subscription=first,
                created_at=now,
                idempotency_key=key,
                item=key,
                status=Delivery.Status.QUEUED if channel == Channel.EMAIL else Delivery.Status.SENT,
                sent_at=None if channel == Channel.EMAIL else now,
            )
            if channel == Channel.INBOX:
                Notification.objects.create(
                    recipient_id=first.user_id,
                    event="notify.digest",
                    subject=subject[:200],
                    body=text,
                    created_at=now,
                )
            created.append(delivery)
        DigestEntry.objects.filter(pk__in=[e.pk for e in entries]).update(delivery=delivery)
        Subscription.objects.filter(pk__in=[s.pk for s in subs]).update(last_digest_at=slot)
    ids = [d.pk for d in created if d.status == Delivery.Status.QUEUED]
    if ids:

        def enqueue():
            from .tasks import send_batch

            for i in range(0, len(ids), 500):
                send_batch.enqueue(ids[i : i + 500])

        transaction.on_commit(enqueue)
    return {"digests": len(created), "at": timezone.localtime(now).isoformat()}
