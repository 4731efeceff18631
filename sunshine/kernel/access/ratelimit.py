"""Fixed-window request counters per client for public forms and endpoints (in the cache,
so shared by every app server when REDIS_URL is set). The client is
`client.client_key(request)`: the real visitor behind our trusted proxies, never the proxy.

    if over_limit(request, "messages.suggest", limit=30, window=60):
        return JsonResponse({"error": ...}, status=429)
"""

from __future__ import annotations

from django.core.cache import cache

from .client import client_key


def hit(request, scope: str, *, window: int = 60) -> int:
    """Count one request of this client in `scope`; the number so far in the window."""
    key = f"ratelimit:{scope}:{client_key(request)}"
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def over_limit(request, scope: str, *, limit: int, window: int = 60) -> bool:
    """Count this request; True when the client made more than `limit` in the window."""
    return hit(request, scope, window=window) > limit
