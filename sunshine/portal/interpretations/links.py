"""Links between an interpretation and its record on the portal."""

from django.urls import NoReverseMatch, reverse

# The records feature's public detail page (sunshine/portal/records); while it does not exist
# the interpretation page names its record without a link.
RECORD_DETAIL_URL_NAME = "portal:records_detail"


def record_url(record) -> str:
    try:
        return reverse(RECORD_DETAIL_URL_NAME, args=[record.pk])
    except NoReverseMatch:
        return ""


def interpretation_url(interpretation) -> str:
    return reverse("portal:interpretations_detail", args=[interpretation.pk])
