import pytest

from sunshine.disclosure.records.tests.factories import make_people


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(province):
    people = make_people(
        province["office"], other_agency=province["transport"], root=province["root"]
    )
    people["province"] = province
    return people
