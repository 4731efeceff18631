"""The inbox's two POST actions, shared by the staff inbox (workbench) and the citizen's (我的):
mark one notification read — and open what it is about when asked to — or mark all read.
Each shell passes where to go back to."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import selectors, services


def mark_read_and_go(request, pk: int, back: str):
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
    return redirect(back)


def mark_all_read_and_go(request, back: str):
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("已将 %(n)d 条消息标为已读。") % {"n": count})
    return redirect(back)
