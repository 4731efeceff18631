import pytest

from sunshine.disclosure.records.tests.factories import make_people


@pytest.fixture
def people(province):
    return make_people(
        province["office"], other_agency=province["transport"], root=province["root"]
    )


@pytest.fixture
def media(settings, tmp_path):
    """Stored attachments go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def as_user(client):
    """as_user(user) -> the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
