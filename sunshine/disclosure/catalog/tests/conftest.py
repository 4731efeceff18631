import pytest

from .factories import catalog_people


@pytest.fixture
def people(province):
    return catalog_people(province)
