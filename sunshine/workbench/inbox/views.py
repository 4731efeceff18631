"""The site inbox (/workbench/inbox/): a signed-in staff member's notifications, newest first,
and marking them read; citizens are sent to theirs in 我的 (/wode/xiaoxi/). Reads and writes
through the kernel's notify selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.kernel.notify import selectors, services

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
    notification = selectors.notification_for(request.user, pk)
    if notification is None:
        raise Http404
    services.mark_read(user=request.user, notification=notification)
    target = notification.url
    if (
        request.POST.get("open")
        and target
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        return redirect(target)
    return redirect("notify:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("已将 %(n)d 条消息标为已读。") % {"n": count})
    return redirect("notify:inbox")
