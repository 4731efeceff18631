import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import CitizenFactory, make_id_number, staff_with


@pytest.fixture
def transport(province):
    return province["transport"]


@pytest.fixture
def officer(transport):
    return staff_with(Role.DISCLOSURE_OFFICER, transport)


@pytest.fixture
def citizen(db):
    return CitizenFactory(display_name="赵一鸣", id_number=make_id_number(7), mobile="13900139000")


def form_data(**overrides):
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "赵一鸣",
        "id_number": make_id_number(7),
        "phone": "13900139000",
        "email": "zhao@example.com",
        "address": "广州市天河区",
        "description": "2026年全省高速公路服务区充电桩建设计划",
        "delivery_form": "email",
    }
    data.update(overrides)
    return data
