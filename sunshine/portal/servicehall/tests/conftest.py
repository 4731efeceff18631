import pytest

from sunshine.servicehall.catalog import services as catalog
from sunshine.servicehall.catalog.tests.factories import make_item
from sunshine.testing.factories import staff_with


@pytest.fixture
def hall(province):
    agency = province["transport"]
    person = catalog.ensure_theme(slug="jiaotong", name="交通出行", audience="person")
    ent = catalog.ensure_theme(slug="yunshu", name="交通运输", audience="enterprise")
    items = [
        make_item(
            agency, name="出租汽车驾驶员从业资格证核发", themes=[person], for_enterprises=False
        ),
        make_item(agency, name="道路货物运输经营许可", themes=[ent], for_persons=False),
    ]
    return {
        "agency": agency,
        "items": items,
        "person_theme": person,
        "drafter": staff_with("drafter", agency),
        "reviewer": staff_with("reviewer", agency),
        "approver": staff_with("approver", agency),
    }
