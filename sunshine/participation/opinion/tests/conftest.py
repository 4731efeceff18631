import pytest

from .factories import make_people


@pytest.fixture
def people(province):
    return make_people(province)
