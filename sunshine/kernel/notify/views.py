"""The public subscription links from e-mails (confirm, unsubscribe). They are mounted under
/workbench/inbox/ by `sunshine/workbench/inbox/urls.py` (the "notify" URL namespace), next to
the site inbox, which is a workbench page."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services


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
