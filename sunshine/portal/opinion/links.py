"""Portal links of 回应关切."""

from django.urls import reverse


def event_url(event_id: int) -> str:
    return reverse("portal:opinion_detail", args=[event_id])


def response_url(response) -> str:
    return f"{event_url(response.event_id)}#r{response.pk}"
