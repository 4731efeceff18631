"""The site inbox (/workbench/inbox/): a signed-in staff member's notifications, newest first,
and marking them read; citizens are sent to theirs in 我的 (/wode/xiaoxi/). Reads and writes
through the kernel's notify selectors and services."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sunshine.kernel.notify import selectors
from sunshine.kernel.notify.inbox_actions import mark_all_read_and_go, mark_read_and_go

PAGE_SIZE = 30


@login_required
def inbox(request):
    if not request.user.is_government_staff:
        # Citizens read their messages in 我的, in the portal's layout (portal/mine).
        return redirect("portal:mine_inbox")
    page = Paginator(selectors.inbox_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workbench/inbox/inbox.html",
        {"page": page, "unread": selectors.unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request, pk: int):
    return mark_read_and_go(request, pk, "notify:inbox")


@login_required
@require_POST
def mark_all_read(request):
    return mark_all_read_and_go(request, "notify:inbox")
