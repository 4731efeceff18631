"""Reads on meetings."""

from django.db.models import QuerySet

from sunshine.kernel.access.policy import scope

from .models import AttendanceApplication, Meeting


def public_meetings() -> QuerySet[Meeting]:
    """Meetings the public sees: public ones, once applications open or later."""
    return (
        Meeting.objects.filter(openness=Meeting.Openness.PUBLIC)
        .exclude(state=Meeting.State.PLANNED)
        .select_related("agency")
    )


def managed_meetings(user) -> QuerySet[Meeting]:
    """Meetings the staff user may manage (their agencies' subtrees)."""
    return scope(user, "meeting.manage", Meeting.objects.select_related("agency"))


def applications_of(user) -> QuerySet[AttendanceApplication]:
    """A citizen's or enterprise's own applications."""
    if user is None or not user.is_authenticated:
        return AttendanceApplication.objects.none()
    return AttendanceApplication.objects.filter(applicant=user).select_related("meeting")
