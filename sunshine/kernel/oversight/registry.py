"""What can be supervised (督办): modules register their supervisable things in
AppConfig.ready():

    register_supervisable(
        "message",
        model="citizen_messages.Message",
        title=lambda m: m.subject,
        url=lambda m: reverse("workbench:messages_detail", args=[m.pk]),
        agency=lambda m: m.agency,
    )

The generic "issue 督办" page (/workbench/oversight/new/?kind=<kind>&id=<pk>) works for every
registered kind; `url(obj)` is the staff page of the item, shown on the order."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Supervisable:
    kind: str
    model: str
    title: Callable
    url: Callable
    agency: Callable
    label: str = ""

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def get(self, pk):
        """The object with this pk, or None."""
        try:
            return self.model_class._default_manager.filter(pk=pk).first()
        except (ValueError, TypeError):
            return None


_REGISTRY: dict[str, Supervisable] = {}


def register_supervisable(
    kind: str,
    *,
    model: str,
    title: Callable,
    url: Callable,
    agency: Callable,
    label: str = "",
) -> Supervisable:
    if not kind or len(kind) > 40:
        raise ValueError("a supervisable kind is 1 to 40 characters")
    if "." not in model:
        raise ValueError("model is 'app_label.Model'")
    entry = Supervisable(kind, model, title, url, agency, label or kind)
    _REGISTRY[kind] = entry
    return entry


def unregister_supervisable(kind: str) -> None:
    _REGISTRY.pop(kind, None)


def get_supervisable(kind: str) -> Supervisable:
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise LookupError(f"no supervisable kind {kind!r}") from None


def supervisables() -> list[Supervisable]:
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def kind_label(kind: str) -> str:
    entry = _REGISTRY.get(kind)
    return str(entry.label) if entry else kind


def supervisable_for(obj, kind: str | None = None) -> Supervisable:
    if kind:
        entry = get_supervisable(kind)
        if entry.model.lower() != obj._meta.label_lower:
            raise LookupError(f"{obj._meta.label} is not registered as {kind!r}")
        return entry
    label = obj._meta.label_lower
    for entry in _REGISTRY.values():
        if entry.model.lower() == label:
            return entry
    raise LookupError(f"{obj._meta.label} is not a registered supervisable")
