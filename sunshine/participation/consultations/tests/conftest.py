import pytest

from sunshine.testing.factories import staff_with


@pytest.fixture
def transport(province):
    return province["transport"]


@pytest.fixture
def approver(transport):
    return staff_with("approver", transport)


@pytest.fixture
def drafter(transport):
    return staff_with("drafter", transport)
