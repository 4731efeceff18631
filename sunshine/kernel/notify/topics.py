"""Event and topic names, and who wants what by default.

Names are dotted lower-case words: events of the deadline engine are `clock.due_soon`,
`clock.overdue`; a published column could be `column.<slug>`. A subscription's topic is a
name, a prefix pattern (`clock.*`) or `*`; for one subscriber and channel the most specific
matching row wins.

Default e-mail (when a user has no subscription row that matches the event), by account kind,
overridable with settings.NOTIFY_EMAIL_DEFAULTS:
- staff (工作人员): `clock.*` — deadline alerts reach people who are not looking at the
  workbench; everything else stays in the site inbox.
- citizens and enterprises (自然人, 法人): `*` — what they are notified of concerns their own
  applications and messages, and they rarely open the site, so the e-mail is the notice.
A user can opt out per event or prefix with `set_email_preference(enabled=False)`. Only active
accounts with an e-mail address get e-mail. The site inbox always gets the notification."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_EMAIL_TOPICS: dict[str, list[str]] = {
    "staff": ["clock.*"],
    "citizen": ["*"],
    "enterprise": ["*"],
}

_NAME = re.compile(r"^[a-z0-9_\-]+(\.[a-z0-9_\-]+)*$")


def check_name(name: str) -> str:
    """An exact event or topic name (no wildcard)."""
    if not name or len(name) > 120 or not _NAME.match(name):
        raise ValidationError(_("主题名称格式不正确：%(name)s") % {"name": name})
    return name


def check_pattern(pattern: str) -> str:
    """A name, a `prefix.*` pattern or `*`."""
    if pattern == "*":
        return pattern
    if pattern.endswith(".*"):
        check_name(pattern[:-2])
        return pattern
    return check_name(pattern)


def patterns_for(name: str) -> list[str]:
    """Every pattern that matches `name`, most specific first:
    `clock.overdue` → [`clock.overdue`, `clock.*`, `*`]."""
    parts = name.split(".")
    prefixes = [".".join(parts[:i]) + ".*" for i in range(len(parts) - 1, 0, -1)]
    return [name, *prefixes, "*"]


def matches(pattern: str, name: str) -> bool:
    return pattern in patterns_for(name)


def specificity(pattern: str, name: str) -> int:
    """Higher is more specific; -1 when the pattern does not match."""
    candidates = patterns_for(name)
    return len(candidates) - candidates.index(pattern) if pattern in candidates else -1


def default_email_topics(user) -> list[str]:
    defaults = getattr(settings, "NOTIFY_EMAIL_DEFAULTS", DEFAULT_EMAIL_TOPICS)
    return list(defaults.get(str(user.kind), []))


def wants_email_by_default(user, event: str) -> bool:
    return any(matches(pattern, event) for pattern in default_email_topics(user))


# What the public may follow with the 关注 button (the kind before the first dot). Items of
# one person (a message, an application, a 依申请公开 request) are already notified to their
# owner by the module (`notify`), so they are not followable by others.
FOLLOWABLE = (
    "column",
    "agency",
    "topic",
    "search",
    "record",
    "interpretation",
    "consultation",
    "decision",
    "dataset",
    "gazette",
)


def check_followable(topic: str) -> str:
    check_name(topic)
    if topic.split(".", 1)[0] not in FOLLOWABLE or "." not in topic:
        raise ValidationError(_("不能关注该内容：%(name)s") % {"name": topic})
    return topic


def saved_search_topic(filters: dict) -> str:
    """`search.<hash>`: one topic per distinct set of search conditions."""
    import hashlib
    import json

    canon = json.dumps(filters, sort_keys=True, ensure_ascii=False)
    return "search." + hashlib.sha256(canon.encode()).hexdigest()[:16]


def search_matches(filters: dict, facets: dict) -> bool:
    """A saved search matches a publication when every keyword of `q` is in its text and
    every other condition (column, agency, …) equals the publication's facet."""
    text = str(facets.get("text", ""))
    for word in str(filters.get("q", "")).split():
        if word not in text:
            return False
    for name, wanted in filters.items():
        if name == "q" or wanted in ("", None):
            continue
        if str(facets.get(name, "")) != str(wanted):
            return False
    return True
