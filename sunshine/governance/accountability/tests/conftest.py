import pytest

from sunshine.testing.factories.accountability import make_people


@pytest.fixture
def acc(province):
    """The people of 问责 (sunshine.testing.factories.accountability.People)."""
    return make_people(province)
