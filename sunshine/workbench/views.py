"""Staff workbench: the dashboard (my deadlines, my queue)."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from sunshine.kernel.deadlines.selectors import (
    clock_counts_for_user,
    clocks_for_user,
    with_time_left,
)

from .access import staff_required
from .queues import queue_for_user

CLOCK_LIMIT = 10
QUEUE_LIMIT = 20


@never_cache
@staff_required
def dashboard(request):
    user = request.user
    context = {
        # urgency as of now (with_time_left), not the last sweep's
        "clocks": with_time_left(clocks_for_user(user, limit=CLOCK_LIMIT)),
        "clock_counts": clock_counts_for_user(user),
        "clocks_available": True,
        "queue": queue_for_user(user, limit=QUEUE_LIMIT),
    }
    return render(request, "workbench/dashboard.html", context)
