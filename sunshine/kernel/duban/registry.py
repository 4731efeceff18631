"""What can be supervised (督办): modules list their supervisable things in
their feature manifest's `supervisables` (kernel/features.py), or, in a test:

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

from sunshine.kernel.registry import KindRegistry


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


SUPERVISABLES: KindRegistry[Supervisable] = KindRegistry("supervisable kind")


def register_supervisable(
    kind: str,
    *,
    model: str,
    title: Callable,
    url: Callable,
    agency: Callable,
    label: str = "",
) -> Supervisable:
    return SUPERVISABLES.register(Supervisable(kind, model, title, url, agency, label or kind))


unregister_supervisable = SUPERVISABLES.remove
get_supervisable = SUPERVISABLES.get
supervisables = SUPERVISABLES.all
kind_label = SUPERVISABLES.label
supervisable_for = SUPERVISABLES.for_object
