import datetime as dt

import pytest

from sunshine.disclosure.foi import services as foi_services
from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.foi import person

from . import samples


@pytest.fixture(scope="session")
def pdf_bytes():
    return samples.make_pdf()


@pytest.fixture(scope="session")
def docx_bytes():
    return samples.make_docx()


@pytest.fixture
def outsider(province):
    """A disclosure officer of another agency (广州市人民政府)."""
    return staff_with(Role.DISCLOSURE_OFFICER, province["city"], display_name="市公开办李")


@pytest.fixture
def applicant(db):
    return CitizenFactory(email="applicant@example.com")


@pytest.fixture
def foi_request(transport, applicant):
    with clock.frozen(dt.date(2026, 3, 2)):
        return foi_services.submit_online_request(
            applicant=applicant, agency=transport, **person(1)
        )
