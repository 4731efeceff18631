import io

import pytest

from sunshine.demo import kernel_data, services_data
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.ratings.models import Rating, RectificationCase
from sunshine.kernel.workflow.models import TransitionLog
from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.servicehall.catalog.models import ServiceItem, ServiceTheme

pytestmark = pytest.mark.django_db


def counts():
    return (
        ServiceTheme.objects.count(),
        ServiceItem.objects.count(),
        ServiceApplication.objects.count(),
        TransitionLog.objects.filter(workflow="service_application").count(),
        Rating.objects.count(),
    )


def test_demo_loads_every_state_and_is_idempotent():
    kernel_data.load()
    out = io.StringIO()
    services_data.load(stdout=out)
    first = counts()
    assert first[1] == 16 and first[2] == 60
    states = set(ServiceApplication.objects.values_list("state", flat=True))
    assert states == set(ServiceApplication.State.values)
    assert ServiceItem.objects.filter(state="draft").count() == 1
    assert ServiceApplication.objects.filter(correction_count__gt=0).count() >= 9
    assert Clock.objects.filter(rule__startswith="service.", urgency="overdue").exists()
    assert Rating.objects.filter(is_default=True).exists()
    assert Rating.objects.filter(level="dissatisfied").exists()
    assert RectificationCase.objects.exists()
    services_data.load(stdout=out)
    assert counts() == first
