import pytest

from sunshine.servicehall.catalog.tests.factories import make_item
from sunshine.testing.factories import staff_with


@pytest.fixture
def hall(province):
    """One published item of 省交通运输厅 and its handlers."""
    agency = province["transport"]
    return {
        "agency": agency,
        "item": make_item(agency),
        "drafter": staff_with("drafter", agency),
        "reviewer": staff_with("reviewer", agency),
        "approver": staff_with("approver", agency),
        "outsider": staff_with("approver", province["city"]),
        "supervisor": staff_with("supervisor", province["office"]),
    }
