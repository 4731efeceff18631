"""检索词统计 (what the portal's visitors search, counted per day, nothing about who): the reads.
The count is written by services.record_query."""

import datetime as dt

from django.core.cache import cache
from django.db.models import Sum

from sunshine.kernel import clock

from .models import SearchQueryCount

POPULAR_DAYS = 30
POPULAR_MIN_SEARCHES = 2  # a query typed once is not "popular" (and may be anyone's text)
POPULAR_CACHE_SECONDS = 300
POPULAR_KEPT = 20
_POPULAR_KEY = "search:popular:v1"


def popular_queries(limit: int = 10) -> list[str]:
    """The most searched queries of the last POPULAR_DAYS days that found public documents
    (so that what is shown is about published content), most searched first. Cached a few
    minutes: it is shown on every page that found nothing."""
    found = cache.get(_POPULAR_KEY)
    if found is None:
        since = clock.today() - dt.timedelta(days=POPULAR_DAYS)
        rows = (
            SearchQueryCount.objects.filter(day__gte=since, found__gt=0)
            .values("query")
            .annotate(n=Sum("searches"))
            .filter(n__gte=POPULAR_MIN_SEARCHES)
            .order_by("-n", "query")[:POPULAR_KEPT]
        )
        found = [row["query"] for row in rows]
        cache.set(_POPULAR_KEY, found, POPULAR_CACHE_SECONDS)
    return found[:limit]
