import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories import staff_with


@pytest.fixture
def officer(province):
    """A disclosure officer of the transport department."""
    return staff_with(Role.DISCLOSURE_OFFICER, province["transport"], display_name="李明")


@pytest.fixture
def officer_key(officer):
    _token, key = issue_api_token(actor=officer, name="测试系统")
    return key
