import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import staff_with


@pytest.fixture
def transport(province):
    return province["transport"]


@pytest.fixture
def officer(transport):
    return staff_with(Role.DISCLOSURE_OFFICER, transport, display_name="公开办王")
