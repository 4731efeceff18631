"""What can be rated (好差评): modules list their rated things in their feature manifest's `rateables`
(kernel/features.py; `register_rateable` does the same for a test):

    register_rateable(
        "service_application",
        model="service_applications.ServiceApplication",
        rater=lambda app: app.applicant,
        agency=lambda app: app.agency,
        finished_at=lambda app: app.completed_at,
        title=lambda app: app.item.name,
        url=lambda app: app.get_absolute_url(),
        pending=lambda cutoff: ServiceApplication.objects.filter(completed_at__lte=cutoff),
        on_bad_rating=None,
    )

- `rater(obj)`: the only account that may rate `obj` (None: nobody can rate it by hand).
- `finished_at(obj)`: when the thing was finished (None: not yet — no rating).
- `default_after_days`: None takes settings.RATING_DEFAULT_AFTER_DAYS (7, the Guangdong rule);
  after that many calendar days without a rating the daily job gives 基本满意 (is_default).
- `pending(cutoff)`: the objects finished at or before `cutoff` (a queryset of `model`); the job
  leaves out those already rated. Without it the kind gets no default ratings.
- `on_bad_rating(rating)`: called inside the rating's transaction for every 差评 (e.g. 网民留言
  reopens the message).
- `steps`: the step names that may be rated on their own (empty: only the whole item);
  `step_finished_at(obj, step)` when a step is done (default: the whole item's finished_at)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.conf import settings

from sunshine.kernel.registry import KindRegistry

DEFAULT_AFTER_DAYS = 7


def _no_url(obj) -> str:
    get = getattr(obj, "get_absolute_url", None)
    return get() if callable(get) else ""


@dataclass(frozen=True)
class Rateable:
    kind: str
    model: str
    rater: Callable
    agency: Callable
    finished_at: Callable
    title: Callable
    url: Callable = _no_url
    default_after_days: int | None = None
    pending: Callable | None = None
    on_bad_rating: Callable | None = None
    steps: tuple = field(default_factory=tuple)
    step_finished_at: Callable | None = None
    label: str = ""

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def after_days(self) -> int:
        if self.default_after_days is not None:
            return self.default_after_days
        return int(getattr(settings, "RATING_DEFAULT_AFTER_DAYS", DEFAULT_AFTER_DAYS))

    def finished(self, obj, step: str = "") -> datetime | None:
        if step and self.step_finished_at is not None:
            return self.step_finished_at(obj, step)
        return self.finished_at(obj)


RATEABLES: KindRegistry[Rateable] = KindRegistry("rateable kind")


def register_rateable(
    kind: str,
    *,
    model: str,
    rater: Callable,
    agency: Callable,
    finished_at: Callable,
    title: Callable,
    url: Callable = _no_url,
    default_after_days: int | None = None,
    pending: Callable | None = None,
    on_bad_rating: Callable | None = None,
    steps: tuple | list = (),
    step_finished_at: Callable | None = None,
    label: str = "",
) -> Rateable:
    return RATEABLES.register(
        Rateable(
            kind=kind,
            model=model,
            rater=rater,
            agency=agency,
            finished_at=finished_at,
            title=title,
            url=url,
            default_after_days=default_after_days,
            pending=pending,
            on_bad_rating=on_bad_rating,
            steps=tuple(steps),
            step_finished_at=step_finished_at,
            label=label or kind,
        )
    )


unregister_rateable = RATEABLES.remove
get_rateable = RATEABLES.get
rateables = RATEABLES.all
kind_label = RATEABLES.label
rateable_for = RATEABLES.for_object
