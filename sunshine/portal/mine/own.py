"""The lists of 我的 that come from kernel mechanisms rather than a module: the ratings the
user gave (好差评, kernel/ratings) and the user's notification subscriptions (kernel/notify).
Their items link to the rated case's citizen page (the rateable kind's own `url`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.notify.models import Channel, Frequency, Subscription
from sunshine.kernel.ratings.models import Rating
from sunshine.kernel.ratings.registry import RATEABLES

from .sections import MineItem, register_mine_section


def my_ratings(user, limit: int) -> list[MineItem]:
    rows = list(
        Rating.objects.filter(rater=user)
        .prefetch_related("target")
        .order_by("-created_at", "-pk")[:limit]
    )
    items = []
    for r in rows:
        kind = RATEABLES.find(r.kind)
        url = kind.url(r.target) if kind is not None and r.target is not None else ""
        note = f"{RATEABLES.label(r.kind)} · {r.get_level_display()}"
        items.append(MineItem(title=r.title or note, url=url, date=r.created_at, note=note))
    return items


def topic_label(topic: str) -> str:
    from .subscribe import TOPIC_LABELS

    if topic == "*":
        return str(_("与我有关的全部通知"))
    return str(TOPIC_LABELS.get(topic, topic))


def my_subscriptions(user, limit: int) -> list[MineItem]:
    rows = Subscription.objects.filter(user=user).order_by("-created_at", "-pk")[:limit]
    items = []
    for s in rows:
        state = _("接收") if s.enabled else _("已退订")
        note = f"{Channel(s.channel).label} · {Frequency(s.frequency).label} · {state}"
        url = reverse("notify:subscription_unsubscribe", args=[s.unsubscribe_token])
        title = s.label or topic_label(s.topic)
        items.append(MineItem(title=title, url=url, date=s.created_at, note=note))
    return items


def register() -> None:
    register_mine_section(
        "ratings",
        label=_("我的评价"),
        items=my_ratings,
        empty=_("您还没有评价过办件或留言答复。"),
        order=60,
    )
    register_mine_section(
        "subscriptions",
        label=_("我的订阅"),
        items=my_subscriptions,
        empty=_("与您有关的通知默认发到站内消息和您的电子邮箱。"),
        order=70,
    )
