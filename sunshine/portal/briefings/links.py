from django.urls import NoReverseMatch, reverse


def briefing_url(briefing) -> str:
    return reverse("portal:briefings_detail", args=[briefing.pk])


def record_url(record) -> str:
    try:
        return reverse("portal:records_detail", args=[record.pk])
    except NoReverseMatch:
        return ""
