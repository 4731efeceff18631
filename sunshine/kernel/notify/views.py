"""The site inbox (/workbench/inbox/) and the public subscription links from e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services

PAGE_SIZE = 30


@login_required
def inbox(request):
    page = Paginator(selectors.inbox_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notify/inbox.html",
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


@require_http_methods(["GET", "POST"])
def subscription_confirm(request, token: str):
    """GET shows a button, POST confirms: mail scanners that follow links must not
    subscribe anyone."""
    if request.method == "POST":
        try:
            subscription = services.confirm_subscription(token=token)
        except ValidationError as exc:
            return render(
                request, "notify/subscription_result.html", {"error": exc.messages[0]}, status=400
            )
        return render(
            request,
            "notify/subscription_result.html",
            {"subscription": subscription, "confirmed": True},
        )
    return render(request, "notify/subscription_confirm.html", {"token": token})


@csrf_exempt  # the token is the credential; RFC 8058 one-click POSTs carry no CSRF token
@require_http_methods(["GET", "POST"])
def subscription_unsubscribe(request, token: str):
    if request.method == "POST":
        try:
            subscription = services.unsubscribe(token=token)
        except ValidationError as exc:
            return render(
                request, "notify/subscription_result.html", {"error": exc.messages[0]}, status=400
            )
        return render(
            request,
            "notify/subscription_result.html",
            {"subscription": subscription, "unsubscribed": True},
        )
    return render(request, "notify/subscription_unsubscribe.html", {"token": token})
