import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.opendata import make_dataset


@pytest.fixture
def data_admin(transport):
    return staff_with(Role.AGENCY_ADMIN, transport, display_name="数据管理员")


@pytest.fixture
def datasets(data_admin, transport):
    """Three published entries: open (CSV), 有条件开放 (CSV), 不予开放 (no data)."""
    return {
        "open": make_dataset(data_admin, transport, name="holidays"),
        "conditional": make_dataset(
            data_admin,
            transport,
            name="messages-detail",
            title="网民留言明细",
            open_class="conditional",
            open_conditions="仅用于科研和公益用途",
            topic="society",
        ),
        "closed": make_dataset(
            data_admin,
            transport,
            name="vehicle-owners",
            title="机动车车主信息",
            open_class="closed",
            closed_reason="涉及个人信息",
            closed_basis="《中华人民共和国个人信息保护法》第十三条",
            fmt="JSON",
        ),
    }
