"""Reads of the inbox. A notification is only ever visible to its recipient (the OWNER rule
of `notification.read`), so the filter is the recipient itself."""

from django.db.models import Q, QuerySet

from .models import Notification


def inbox_for(user) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    return inbox_for(user).filter(read_at__isnull=True).count()


def notification_for(user, pk: int) -> Notification | None:
    return inbox_for(user).filter(pk=pk).first()


def statistics() -> dict:
    """For staff (订阅统计): subscribers per topic and channel, deliveries per channel and
    status, unsubscribes, disabled addresses. Counts only; no address leaves this function."""
    from django.db.models import Count

    from .models import Delivery, MailAddress, Subscription

    active = Subscription.objects.filter(enabled=True).filter(
        Q(user__isnull=False) | Q(confirmed=True)
    )
    return {
        "by_topic": list(
            active.values("topic", "channel")
            .annotate(n=Count("pk"))
            .order_by("-n", "topic", "channel")[:200]
        ),
        "by_channel": list(active.values("channel").annotate(n=Count("pk")).order_by("channel")),
        "deliveries": list(
            Delivery.objects.values("channel", "status")
            .annotate(n=Count("pk"))
            .order_by("channel", "status")
        ),
        "unsubscribed": Subscription.objects.filter(unsubscribed_at__isnull=False).count(),
        "unconfirmed": Subscription.objects.filter(user__isnull=True, confirmed=False).count(),
        "disabled_addresses": MailAddress.objects.filter(disabled_at__isnull=False).count(),
    }


def dead_letters(limit: int = 200):
    """The dead-letter list: deliveries that failed every attempt, newest first."""
    from .models import Delivery

    return Delivery.objects.filter(status=Delivery.Status.FAILED).order_by("-created_at", "-pk")[
        :limit
    ]
