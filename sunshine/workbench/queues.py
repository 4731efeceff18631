"""The "my queue" (我的待办) list of the workbench dashboard. Domain modules register a provider
in `workbench/<surface>/registry.py`, found through the feature manifests.

    from sunshine.workbench.queues import QueueItem, register_queue_provider

    def disclosure_tasks(user, limit):
        return [QueueItem(title=r.title, url=r.get_absolute_url(), due=r.due_on,
                          label="依申请公开") for r in requests_assigned_to(user)[:limit]]

    register_queue_provider("disclosure", disclosure_tasks)

provider(user, limit) returns items with `title` and `url`, optionally `due` (a date) and
`label` (the kind of work, shown as a tag); objects or dicts."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sunshine.kernel.registry import Registry

Provider = Callable[..., list]
_PROVIDERS: Registry[Provider] = Registry("queue provider")


@dataclass(frozen=True)
class QueueItem:
    title: str
    url: str
    due: date | datetime | None = None
    label: str = ""


def register_queue_provider(name: str, provider: Provider) -> None:
    _PROVIDERS.add(name, provider)


def unregister_queue_provider(name: str) -> None:
    _PROVIDERS.remove(name)


def _normalise(item) -> QueueItem:
    if isinstance(item, QueueItem):
        return item
    get = item.get if isinstance(item, dict) else lambda k, d=None: getattr(item, k, d)
    return QueueItem(get("title"), get("url"), get("due"), get("label", "") or "")


def queue_for_user(user, limit: int = 20) -> list[QueueItem]:
    """Everything waiting for the user, earliest due first (undated last)."""
    items = []
    for provider in _PROVIDERS.all():
        items.extend(_normalise(i) for i in provider(user, limit))

    def sort_key(item):
        due = item.due
        if isinstance(due, datetime):
            due = due.date()
        return (due is None, due or date.min)

    return sorted(items, key=sort_key)[:limit]
