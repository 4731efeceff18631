"""我的订阅 (/wode/subscriptions/): every subscription of the signed-in citizen, each with how
(站内消息 or 电子邮件), when (即时, 每日/每周汇总 at an hour of their choice) and 退订 / 恢复.
Changes go through kernel/notify's `change_subscription`; a refusal shows the row again with
the choices as sent and the reason next to the field."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.kernel.notify.follow import USER_CHANNELS, change_subscription
from sunshine.kernel.notify.models import Channel, Frequency, Subscription

from .own import topic_label
from .views import _context, citizen_page

WEEKDAYS = [
    gettext_lazy("星期一"),
    gettext_lazy("星期二"),
    gettext_lazy("星期三"),
    gettext_lazy("星期四"),
    gettext_lazy("星期五"),
    gettext_lazy("星期六"),
    gettext_lazy("星期日"),
]


def _rows(user, *, failed=None, posted=None, errors=None):
    subs = Subscription.objects.filter(user=user).exclude(channel=Channel.WEBHOOK)
    rows = []
    for s in subs.order_by("-enabled", "-created_at", "-pk"):
        values = {
            "channel": s.channel,
            "frequency": s.frequency,
            "digest_hour": s.digest_hour,
            "digest_weekday": s.digest_weekday,
        }
        if failed == s.pk:
            values.update(posted)
        rows.append(
            {
                "sub": s,
                "title": s.label or topic_label(s.topic),
                "values": values,
                "errors": errors if failed == s.pk else {},
            }
        )
    return rows


def _page(request, rows, status=200):
    context = _context(
        request,
        rows=rows,
        channels=[(c, Channel(c).label) for c in USER_CHANNELS],
        frequencies=Frequency.choices,
        hours=range(24),
        weekdays=list(enumerate(WEEKDAYS)),
        section_label=_("我的订阅"),
    )
    return render(request, "portal/mine/subscriptions.html", context, status=status)


@citizen_page
def manage(request):
    return _page(request, _rows(request.user))


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@citizen_page
@require_POST
def change(request, pk: int):
    sub = Subscription.objects.filter(user=request.user, pk=pk).first()
    if sub is None:
        raise Http404
    action = request.POST.get("action", "save")
    posted = {
        "channel": request.POST.get("channel", sub.channel),
        "frequency": request.POST.get("frequency", sub.frequency),
        "digest_hour": _int(request.POST.get("digest_hour"), -1),
        "digest_weekday": _int(request.POST.get("digest_weekday"), 0),
    }
    enabled = {"unsubscribe": False, "resume": True}.get(action, sub.enabled)
    try:
        change_subscription(user=request.user, subscription=sub, enabled=enabled, **posted)
    except ValidationError as exc:
        errors = {k: v for k, v in exc.message_dict.items()} if hasattr(exc, "error_dict") else {}
        rows = _rows(request.user, failed=sub.pk, posted=posted, errors=errors)
        return _page(request, rows, status=400)
    if action == "unsubscribe":
        messages.success(request, _("已退订。"))
    elif action == "resume":
        messages.success(request, _("已恢复接收。"))
    else:
        messages.success(request, _("已保存。"))
    return redirect("portal:mine_subscriptions")
