import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import staff_with


@pytest.fixture
def data_admin(transport):
    """The agency admin (单位管理员) of 交通运输厅: edits and publishes its data catalog."""
    return staff_with(Role.AGENCY_ADMIN, transport, display_name="数据管理员")
