"""Notification actions: notify users of an event, publish to a topic's subscribers,
subscribe by e-mail with double opt-in, unsubscribe, read. E-mails are queued as Delivery
rows and sent by a task after the transaction commits (tasks.send_delivery)."""

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from . import emails
from .models import Channel, Delivery, Frequency, Notification, Subscription
from .topics import check_name, check_pattern, patterns_for, specificity, wants_email_by_default

CONFIRM_VALID = dt.timedelta(days=7)
CONFIRM_RESEND_AFTER = dt.timedelta(minutes=10)  # one confirmation mail per address per 10 min


@dataclass
class Published:
    notifications: list[Notification] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _send_after_commit(deliveries: list[Delivery]) -> None:
    ids = [d.pk for d in deliveries]
    if not ids:
        return

    def enqueue():
        from .tasks import send_delivery

        for delivery_id in ids:
            send_delivery.enqueue(delivery_id)

    transaction.on_commit(enqueue)


def _email_delivery(*, address, event, subject, body, notification=None, subscription=None):
    return Delivery(
        channel=Channel.EMAIL,
        address=address,
        event=event,
        subject=subject[:200],
        body=body,
        notification=notification,
        subscription=subscription,
        created_at=clock.now(),
    )


def _wants_email(users: list, event: str) -> set[int]:
    """The users (pks) who get this event by e-mail: their most specific matching
    subscription row decides, else the default for their kind (topics.py)."""
    rows: dict[int, list[Subscription]] = {}
    for sub in Subscription.objects.filter(
        user__in=users, channel=Channel.EMAIL, topic__in=patterns_for(event)
    ):
        rows.setdefault(sub.user_id, []).append(sub)
    wanted = set()
    for user in users:
        if not (user.is_active and user.email):
            continue
        own = rows.get(user.pk)
        if own:
            best = max(own, key=lambda s: specificity(s.topic, event))
            if best.enabled:
                wanted.add(user.pk)
        elif wants_email_by_default(user, event):
            wanted.add(user.pk)
    return wanted


@transaction.atomic
def notify(
    *,
    event: str,
    recipients: Iterable,
    subject: str,
    body: str,
    obj: Model | None = None,
    url: str = "",
) -> list[Notification]:
    """Tell users about an event: one inbox notification each, plus an e-mail to those who
    want this event by e-mail (topics.py explains the defaults). Call it inside the service
    that raised the event; the e-mails leave only if that transaction commits."""
    check_name(event)
    users = list({u.pk: u for u in recipients if u is not None and u.pk}.values())
    if not users:
        return []
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    now = clock.now()
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            event=event,
            subject=subject[:200],
            body=body,
            url=url[:500],
            content_type=content_type,
            object_id=str(obj.pk) if obj is not None else "",
            created_at=now,
        )
        for user in users
    )
    email_to = _wants_email(users, event)
    deliveries = Delivery.objects.bulk_create(
        _email_delivery(
            address=note.recipient.email,
            event=event,
            subject=subject,
            body=emails.user_email_body(body, url),
            notification=note,
        )
        for note in notifications
        if note.recipient_id in email_to
    )
    _send_after_commit(deliveries)
    return notifications


@transaction.atomic
def send_email(*, address: str, event: str, subject: str, body: str) -> Delivery:
    """One e-mail to one address that is no inbox event (e.g. an account's sign-in unlock
    link): a Delivery sent by the task after the transaction commits, with the same retries
    and delivery log as every other mail. `body` is sent as given."""
    check_name(event)
    delivery = _email_delivery(address=address, event=event, subject=subject, body=body)
    delivery.save()
    _send_after_commit([delivery])
    return delivery


@transaction.atomic
def publish_to_topic(*, topic: str, subject: str, body: str, url: str = "") -> Published:
    """Send a one-off publication (no item of its own) to the topic's subscribers now: the
    same fan-out as `publish.announce`, run in this transaction. Modules publishing an item
    call `announce` instead (deduplicated per item, fanned out in the background)."""
    from .publish import Publication, fan_out_now

    check_name(topic)
    publication = Publication.objects.create(
        item=f"post.{secrets.token_hex(8)}",
        topics=[topic],
        title=subject[:300],
        summary=body,
        url=url[:500],
        facets={"text": f"{subject} {body}"},
        created_at=clock.now(),
    )
    fanned = fan_out_now(publication.pk)
    return Published(
        notifications=list(fanned.notifications or []),
        deliveries=list(Delivery.objects.filter(item=publication.key).order_by("pk")),
    )


@transaction.atomic
def subscribe_email(
    *, email: str, topic: str, topic_label: str = "", frequency: str = Frequency.IMMEDIATE
) -> Subscription:
    """An anonymous subscription to one topic (no wildcard); nothing is sent to the address
    but a confirmation mail until the link in it is opened (double opt-in)."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("请输入有效的电子邮箱地址。")}) from None
    check_name(topic)
    now = clock.now()
    sub = (
        Subscription.objects.select_for_update()
        .filter(user=None, email=email, topic=topic, channel=Channel.EMAIL)
        .first()
    )
    if sub is not None and sub.enabled:
        if sub.confirmed:
            return sub
        if sub.confirm_sent_at and now - sub.confirm_sent_at < CONFIRM_RESEND_AFTER:
            return sub  # a confirmation mail is on its way; do not flood the address
    if sub is None:
        sub = Subscription(
            email=email,
            topic=topic,
            channel=Channel.EMAIL,
            unsubscribe_token=_new_token(),
            created_at=now,
        )
    sub.label = (topic_label or sub.label)[:200]
    sub.frequency = Frequency(frequency)
    sub.enabled, sub.confirmed, sub.confirmed_at = True, False, None
    sub.unsubscribed_at = None
    sub.confirm_token, sub.confirm_sent_at = _new_token(), now
    sub.save()
    subject, body = emails.confirmation_email(sub, topic_label or topic)
    delivery = _email_delivery(
        address=email, event=emails.CONFIRM_EVENT, subject=subject, body=body, subscription=sub
    )
    delivery.save()
    _send_after_commit([delivery])
    # The address is personal data: the immutable audit log keeps only the row's id.
    record_event(action="notify.subscribe", obj=sub, data={"topic": topic})
    return sub


@transaction.atomic
def confirm_subscription(*, token: str) -> Subscription:
    sub = Subscription.objects.select_for_update().filter(confirm_token=token).first()
    if not token or sub is None:
        raise ValidationError(_("确认链接无效或已经使用过。"))
    if sub.confirm_sent_at and clock.now() - sub.confirm_sent_at > CONFIRM_VALID:
        raise ValidationError(_("确认链接已过期，请重新订阅。"))
    sub.confirmed, sub.confirmed_at, sub.confirm_token = True, clock.now(), None
    sub.save(update_fields=["confirmed", "confirmed_at", "confirm_token"])
    record_event(action="notify.subscription_confirm", obj=sub, data={"topic": sub.topic})
    return sub


@transaction.atomic
def unsubscribe(*, token: str) -> Subscription:
    sub = Subscription.objects.select_for_update().filter(unsubscribe_token=token).first()
    if not token or sub is None:
        raise ValidationError(_("退订链接无效。"))
    if sub.enabled:
        sub.enabled, sub.unsubscribed_at = False, clock.now()
        sub.save(update_fields=["enabled", "unsubscribed_at"])
        record_event(
            action="notify.unsubscribe", actor=sub.user, obj=sub, data={"topic": sub.topic}
        )
    return sub


@transaction.atomic
def set_email_preference(*, user, topic: str, enabled: bool) -> Subscription:
    """A user's own choice to get (or not) an event or pattern by e-mail, e.g.
    `set_email_preference(user=u, topic="clock.due_soon", enabled=False)`."""
    check_pattern(topic)
    sub, _created = Subscription.objects.update_or_create(
        user=user,
        topic=topic,
        channel=Channel.EMAIL,
        defaults={"enabled": enabled, "confirmed": True},
        create_defaults={
            "enabled": enabled,
            "confirmed": True,
            "confirmed_at": clock.now(),
            "unsubscribe_token": _new_token(),
            "created_at": clock.now(),
        },
    )
    record_event(
        action="notify.preference", actor=user, obj=sub, data={"topic": topic, "enabled": enabled}
    )
    return sub


@transaction.atomic
def mark_read(*, user, notification: Notification) -> Notification:
    require(user, "notification.read", notification)
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
        # Reading a deadline alert is evidence in a later 督办: who saw it, when.
        record_event(
            action="notification.read",
            actor=user,
            obj=notification,
            data={"event": notification.event},
        )
    return notification


@transaction.atomic
def mark_all_read(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        require(user, "notification.read")  # raises PermissionDenied
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    ids = list(unread.values_list("pk", flat=True))
    if ids:
        Notification.objects.filter(pk__in=ids).update(read_at=clock.now())
        record_event(action="notification.read_all", actor=user, obj=user, data={"ids": ids[:500]})
    return len(ids)
