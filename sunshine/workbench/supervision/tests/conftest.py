import pytest

from sunshine.kernel import clock
from sunshine.servicehall.supervision.tests.factories import NOW, build_hall


@pytest.fixture
def hall(province):
    return build_hall(province["transport"])


@pytest.fixture
def now():
    with clock.frozen(NOW):
        yield NOW
