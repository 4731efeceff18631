"""Links from API answers to the public pages."""

from django.urls import NoReverseMatch, reverse


def portal_url(name: str, *args) -> str:
    """The path of portal page `name`, or "" where the portal has no such page."""
    try:
        return reverse(f"portal:{name}", args=args)
    except NoReverseMatch:
        return ""
