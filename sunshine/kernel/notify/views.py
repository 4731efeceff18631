"""The public subscription links from e-mails (confirm, unsubscribe). They are mounted under
/workbench/inbox/ by `sunshine/workbench/inbox/urls.py` (the "notify" URL namespace), next to
the site inbox, which is a workbench page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.ratelimit import over_limit

from . import follow as follow_services
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


FOLLOW_PER_HOUR = 10  # confirmation mails one visitor may trigger: no mail bombing by proxy


def _back(request) -> str:
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return "/"
    return target


@require_POST
def follow(request):
    """The 关注 button (partials/follow.html): a signed-in user follows (or unfollows) in one
    click; a visitor gives an e-mail address and gets a confirmation mail (double opt-in).
    A refusal shows the form again with the address typed."""
    try:
        topic, label, filters = follow_services.read_follow_token(request.POST.get("token", ""))
    except ValidationError as exc:
        return render(request, "notify/follow.html", {"error": exc.messages[0]}, status=400)
    back = _back(request)
    if request.user.is_authenticated:
        if request.POST.get("action") == "unfollow":
            follow_services.unfollow(user=request.user, topic=topic)
            messages.success(request, _("已取消关注“%(label)s”。") % {"label": label})
        else:
            follow_services.follow(user=request.user, topic=topic, label=label, filters=filters)
            messages.success(
                request,
                _("已关注“%(label)s”。可在“我的订阅”中修改接收方式和频率。") % {"label": label},
            )
        return redirect(back)
    email = request.POST.get("email", "").strip()
    context = {"token": request.POST.get("token", ""), "label": label, "email": email, "next": back}
    if over_limit(request, "notify.subscribe", limit=FOLLOW_PER_HOUR, window=3600):
        context["error"] = _("订阅请求过于频繁，请一小时后再试。")
        return render(request, "notify/follow.html", context, status=429)
    try:
        services.subscribe_email(email=email, topic=topic, topic_label=label)
    except ValidationError as exc:
        context["error"] = exc.messages[0]
        return render(request, "notify/follow.html", context, status=400)
    messages.success(
        request,
        _("确认邮件已发送到 %(email)s，请打开邮件中的链接完成订阅。") % {"email": email.lower()},
    )
    return redirect(back)
