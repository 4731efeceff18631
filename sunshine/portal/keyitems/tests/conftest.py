import pytest

from sunshine.testing.factories.keyitems import keyitem_people


@pytest.fixture
def kp(province):
    return keyitem_people(province)
