import pytest

from .factories import make_people


@pytest.fixture
def people(province):
    return make_people(
        province["office"], other_agency=province["transport"], root=province["root"]
    )
