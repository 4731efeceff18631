"""One registry class for what modules declare (their feature manifests, kernel/features.py): rateable kinds (好差评),
supervisable kinds (督办), workbench queues, portal columns… A registry maps a name to an entry;
a kind registry's entries also name a model ("app_label.Model"), so the entry of an object can
be found from the object.

    RATEABLES = KindRegistry("rateable kind")
    RATEABLES.add(Rateable(kind="message", model="citizen_messages.Message", ...))
    RATEABLES.get("message"); RATEABLES.for_object(message); RATEABLES.label("message")"""

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
MAX_NAME = 40


class Registry(Generic[T]):
    """Entries by name; registering a name again replaces its entry (a module reloaded in
    tests). Listed sorted by name, or in the order added with `in_order_added=True` (where
    the order of declaration is what is shown, e.g. a sitemap's sections)."""

    def __init__(self, what: str, *, max_name: int = MAX_NAME, in_order_added: bool = False):
        self.what = what
        self.max_name = max_name
        self.in_order_added = in_order_added
        self._entries: dict[str, T] = {}

    def add(self, name: str, entry: T) -> T:
        if not name or len(name) > self.max_name:
            raise ValueError(f"a {self.what} is named with 1 to {self.max_name} characters")
        self._entries[name] = entry
        return entry

    def _names(self) -> list[str]:
        return list(self._entries) if self.in_order_added else sorted(self._entries)

    def remove(self, name: str) -> None:
        """For tests that register their own entry."""
        self._entries.pop(name, None)

    def get(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise LookupError(f"no {self.what} {name!r}") from None

    def find(self, name: str) -> T | None:
        return self._entries.get(name)

    def all(self) -> list[T]:
        return [self._entries[name] for name in self._names()]

    def items(self) -> list[tuple[str, T]]:
        return [(name, self._entries[name]) for name in self._names()]

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._entries)


class KindRegistry(Registry[T]):
    """Entries with `kind`, `model` ("app_label.Model") and `label`: the things of several
    modules that one kernel mechanism serves (ratings, 督办)."""

    def register(self, entry: T) -> T:
        if "." not in entry.model:
            raise ValueError("model is 'app_label.Model'")
        return self.add(entry.kind, entry)

    def label(self, kind: str) -> str:
        entry = self.find(kind)
        return str(entry.label) if entry else kind

    def for_object(self, obj, kind: str | None = None) -> T:
        """The entry of `obj` (by its model; `kind` picks one when a model has several)."""
        label = obj._meta.label_lower
        if kind:
            entry = self.get(kind)
            if entry.model.lower() != label:
                raise LookupError(f"{obj._meta.label} is not registered as {kind!r}")
            return entry
        for entry in self._entries.values():
            if entry.model.lower() == label:
                return entry
        raise LookupError(f"{obj._meta.label} is not a registered {self.what}")
