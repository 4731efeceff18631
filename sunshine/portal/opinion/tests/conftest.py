import pytest

from sunshine.participation.opinion.tests.factories import make_people


@pytest.fixture
def people(province):
    return make_people(province)
