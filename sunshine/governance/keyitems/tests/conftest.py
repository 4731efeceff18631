import pytest

from sunshine.testing.factories.keyitems import keyitem_people


@pytest.fixture
def kp(province):
    """The `province` tree with the key-item staff (factories/keyitems.py)."""
    return keyitem_people(province)
