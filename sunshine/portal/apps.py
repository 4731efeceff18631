from django.apps import AppConfig

from sunshine.kernel.discovery import discover

# Feature packages; each may have `providers.py` with a `register()` that declares its column
# providers, sitemap sections and detail panels.
FEATURES = (
    "records",
    "interpretations",
    "catalog",
    "gazette",
    "search",
    "consultations",
    "meetings",
    "messages",
    "messagetopics",
    "opinion",
    "briefings",
    "ratings",
    "servicehall",
    "foi",
    "answers",
)


class PortalConfig(AppConfig):
    name = "sunshine.portal"
    label = "portal"
    verbose_name = "门户网站"

    def ready(self):
        discover(self.name, FEATURES, "providers")
