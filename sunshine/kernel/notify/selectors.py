"""Reads of the inbox. A notification is only ever visible to its recipient (the OWNER rule
of `notification.read`), so the filter is the recipient itself."""

from django.db.models import QuerySet

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
