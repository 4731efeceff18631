"""`{% load notify_follow %}{% follow_button "record.12" record.title %}`: the 关注 button of
any page (partials/follow.html), signed-in users in one click, visitors by e-mail."""

import zlib

from django import template

from sunshine.kernel.notify.follow import follow_token, is_following, search_follow_token

register = template.Library()


@register.inclusion_tag("partials/follow.html", takes_context=True)
def follow_button(context, topic: str, label, key=None, filters: dict | None = None):
    """`topic` is a whole topic name, or its kind when `key` is given (`"record"`, key=12)."""
    if key is not None:
        topic = f"{topic}.{key}"
    label = str(label)
    request = context.get("request")
    user = getattr(request, "user", None)
    token = search_follow_token(filters, label) if filters else follow_token(topic, label)
    return {
        "token": token,
        "label": label,
        "following": bool(user and not filters and is_following(user, topic)),
        "signed_in": bool(user and user.is_authenticated),
        "next": request.get_full_path() if request else "/",
        "csrf_token": context.get("csrf_token"),
        "uid": zlib.crc32(topic.encode()),
    }
