"""{% load mine %}{% unread_count as n %}: the signed-in citizen's unread site messages, for the
badge on 我的 in the portal header (base.html). One COUNT query; none for anonymous pages."""

from django import template

from sunshine.kernel.notify.selectors import unread_count as _unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_count(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return _unread_count(user)


@register.filter
def tracker(state, kind: str):
    """The citizen's tracker of an object in `state` under module `kind`'s mapping
    (mine/tracker.py): {% include "partials/tracker.html" with tracker=i.state|tracker:"foi" %}"""
    from sunshine.portal.mine.tracker import tracker_of

    return tracker_of(kind, state)
