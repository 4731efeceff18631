"""A test rateable built on a kernel model (the kernel imports no domain, even in tests): an
`Agency` row stands for a finished item; a dict says who may rate it and when it finished."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.ratings.registry import register_rateable, unregister_rateable
from sunshine.testing.factories import AgencyFactory, CitizenFactory, make_id_number, staff_with

KIND = "test_item"


@dataclass
class Items:
    handler: Agency
    raters: dict = field(default_factory=dict)
    finished: dict = field(default_factory=dict)
    bad_calls: list = field(default_factory=list)

    def make(self, rater=None, finished_at=None) -> Agency:
        item = AgencyFactory(parent=self.handler.parent)
        self.raters[item.pk] = rater
        self.finished[item.pk] = finished_at
        return item


def at(y, m, d, h=10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, h, 0))


@pytest.fixture
def items(province):
    state = Items(handler=province["transport"])

    def pending(cutoff):
        ids = [pk for pk, when in state.finished.items() if when is not None and when <= cutoff]
        return Agency.objects.filter(pk__in=ids)

    register_rateable(
        KIND,
        model="orgs.Agency",
        rater=lambda obj: state.raters.get(obj.pk),
        agency=lambda obj: state.handler,
        finished_at=lambda obj: state.finished.get(obj.pk),
        title=lambda obj: f"事项 {obj.name}",
        url=lambda obj: f"/items/{obj.pk}/",
        pending=pending,
        on_bad_rating=state.bad_calls.append,
        steps=("accept",),
        label="测试事项",
    )
    yield state
    unregister_rateable(KIND)


@pytest.fixture
def citizen(db):
    return CitizenFactory(id_number=make_id_number(7), mobile="13800138000")


@pytest.fixture
def anonymous_citizen(db):
    return CitizenFactory()


@pytest.fixture
def staff(province):
    transport, city = province["transport"], province["city"]
    return {
        "drafter": staff_with("drafter", transport),
        "reviewer": staff_with("reviewer", transport),
        "approver": staff_with("approver", transport),
        "officer": staff_with("disclosure_officer", transport),
        "other": staff_with("approver", city),
        "supervisor": staff_with("supervisor", province["office"]),
    }
