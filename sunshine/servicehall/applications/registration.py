"""What applications offer the rest of the platform: 好差评 (kernel/ratings) and 督办
(kernel/duban), listed in the feature manifest."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.duban.registry import Supervisable
from sunshine.kernel.ratings.registry import Rateable

from .notices import applicant_url, staff_url

RATING_KIND = "service_application"
RATED_STEPS = ("accept", "review", "decide", "deliver")
_STEP_FIELDS = {
    "accept": "accepted_at",
    "review": "reviewed_at",
    "decide": "decided_at",
    "deliver": "delivered_at",
}


def _title(application) -> str:
    return f"{application.item.name}（{application.number}）"


def _pending(cutoff):
    from .models import ServiceApplication

    return ServiceApplication.objects.filter(
        Q(completed_at__lte=cutoff) | Q(rejected_at__lte=cutoff)
    )


def step_finished_at(application, step: str):
    # A step may be rated once the whole application is finished and the step was done.
    if application.finished_at is None:
        return None
    field = _STEP_FIELDS.get(step)
    return getattr(application, field) if field else None


RATEABLE = Rateable(
    kind=RATING_KIND,
    model="service_applications.ServiceApplication",
    rater=lambda a: a.applicant,
    agency=lambda a: a.agency,
    finished_at=lambda a: a.finished_at,
    title=_title,
    url=applicant_url,
    default_after_days=None,  # settings.RATING_DEFAULT_AFTER_DAYS (7, the Guangdong rule)
    pending=_pending,
    steps=RATED_STEPS,
    step_finished_at=step_finished_at,
    label=_("政务服务办件"),
)

SUPERVISABLE = Supervisable(
    kind=RATING_KIND,
    model="service_applications.ServiceApplication",
    title=_title,
    url=staff_url,
    agency=lambda a: a.agency,
    label=_("政务服务办件"),
)
