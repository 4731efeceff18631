"""订阅与推送 on the workbench (operators holding "notify.manage"): statistics, the dead-letter
list with replay, and the webhooks other systems receive. Reads and acts through the kernel's
selectors and services; no address is shown in the statistics."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.notify import follow as follow_services
from sunshine.kernel.notify import selectors
from sunshine.kernel.notify.models import Channel, Delivery, Subscription

from ..access import may_anywhere, staff_required

ACTION = "notify.manage"


def _require(user):
    if not may_anywhere(user, ACTION):
        raise PermissionDenied(_("您没有管理订阅与推送的权限。"))


@never_cache
@staff_required
def stats(request):
    _require(request.user)
    return render(request, "workbench/notify/stats.html", {"s": selectors.statistics()})


@never_cache
@staff_required
def dead_letter_list(request):
    _require(request.user)
    rows = selectors.dead_letters()
    return render(request, "workbench/notify/dead_letters.html", {"rows": rows})


@staff_required
@require_POST
def replay(request, pk: int):
    _require(request.user)
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        follow_services.replay_delivery(actor=request.user, delivery=delivery)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("已重新加入发送队列。"))
    return redirect("workbench:notify_dead_letters")


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def webhooks(request):
    _require(request.user)
    form = {"topic": "", "url": "", "label": ""}
    errors, created = {}, None
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip() for k in form}
        try:
            created = follow_services.subscribe_webhook(
                actor=request.user, topic=form["topic"], url=form["url"], label=form["label"]
            )
        except ValidationError as exc:
            errors = getattr(exc, "message_dict", None) or {"topic": exc.messages}
    hooks = Subscription.objects.filter(channel=Channel.WEBHOOK).order_by("topic", "pk")
    context = {"form": form, "errors": errors, "created": created, "hooks": hooks}
    return render(request, "workbench/notify/webhooks.html", context)
