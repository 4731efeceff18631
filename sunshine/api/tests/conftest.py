import pytest

from sunshine.kernel.accounts.services import issue_api_token


@pytest.fixture
def officer_key(officer):
    _token, key = issue_api_token(actor=officer, name="测试系统")
    return key
