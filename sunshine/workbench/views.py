"""Staff workbench: the dashboard (my deadlines, my queue)."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .access import staff_required
from .queues import queue_for_user

try:  # written concurrently by the deadlines module; the dashboard works without it
    from sunshine.kernel.deadlines.selectors import clock_counts_for_user, clocks_for_user
except ImportError:  # pragma: no cover - only while the module is missing
    clocks_for_user = clock_counts_for_user = None

CLOCK_LIMIT = 10
QUEUE_LIMIT = 20


@never_cache
@staff_required
def dashboard(request):
    user = request.user
    clocks = clocks_for_user(user, limit=CLOCK_LIMIT) if clocks_for_user else []
    counts = clock_counts_for_user(user) if clock_counts_for_user else {}
    context = {
        "clocks": clocks,
        "clock_counts": counts,
        "clocks_available": clocks_for_user is not None,
        "queue": queue_for_user(user, limit=QUEUE_LIMIT),
    }
    return render(request, "workbench/dashboard.html", context)
