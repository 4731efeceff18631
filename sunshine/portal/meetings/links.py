from django.urls import reverse


def meeting_url(meeting) -> str:
    return reverse("portal:meetings_detail", args=[meeting.pk])
