import pytest

from sunshine.testing.factories.accountability import make_people


@pytest.fixture
def acc(province):
    return make_people(province)
