"""Where the catalog lives on the portal."""

from django.urls import NoReverseMatch, reverse

RECORD_DETAIL_URL_NAME = "portal:records_detail"


def catalog_url(agency_id) -> str:
    return reverse("portal:catalog_detail", args=[agency_id])


def record_path_template() -> str:
    """The public record page's path with "{}" for the id ("" while it is not mounted)."""
    marker = 987654321
    try:
        return reverse(RECORD_DETAIL_URL_NAME, args=[marker]).replace(str(marker), "{}")
    except NoReverseMatch:
        return ""
