import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import AgencyFactory, RegionFactory, staff_with


@pytest.fixture
def gov(db):
    """广东省人民政府 → 广东省市场监督管理局, 广东省生态环境厅; an editor of each and a supervisor."""
    gd = RegionFactory(code="440000", name="广东省")
    root = AgencyFactory(name="广东省人民政府", kind="government", region=gd)
    market = AgencyFactory(name="广东省市场监督管理局", parent=root, region=gd)
    env = AgencyFactory(name="广东省生态环境厅", parent=root, region=gd)
    return {
        "root": root,
        "market": market,
        "env": env,
        "editor": staff_with(Role.AGENCY_ADMIN, market, display_name="陈法规"),
        "env_editor": staff_with(Role.AGENCY_ADMIN, env, display_name="林环评"),
        "viewer": staff_with(Role.DRAFTER, market, display_name="王起草"),
        "supervisor": staff_with(Role.SUPERVISOR, root, display_name="周督查"),
    }
