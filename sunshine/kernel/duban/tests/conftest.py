"""A supervisable registered on a kernel model (no domain import): an Agency row stands for
the supervised item, handled by the transport department."""

import pytest

from sunshine.kernel.duban.registry import register_supervisable, unregister_supervisable
from sunshine.testing.factories import AgencyFactory, staff_with

KIND = "test_item"


@pytest.fixture
def supervisable(province):
    handler = province["transport"]
    register_supervisable(
        KIND,
        model="orgs.Agency",
        title=lambda obj: f"事项 {obj.name}",
        url=lambda obj: f"/items/{obj.pk}/",
        agency=lambda obj: handler,
        label="测试事项",
    )
    yield handler
    unregister_supervisable(KIND)


@pytest.fixture
def item(supervisable, province):
    return AgencyFactory(parent=province["root"])


@pytest.fixture
def people(province):
    transport = province["transport"]
    return {
        "supervisor": staff_with("supervisor", province["office"]),
        "sysadmin": staff_with("sysadmin", province["root"]),
        "drafter": staff_with("drafter", transport),
        "officer": staff_with("disclosure_officer", transport),
        "other": staff_with("approver", province["city"]),
    }
