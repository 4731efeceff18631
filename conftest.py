import pytest

from sunshine.testing.factories import AgencyFactory, RegionFactory

pytest_plugins = ["sunshine.testing.browser"]


@pytest.fixture
def province(db):
    """A small tree: 省政府 → (办公厅, 交通运输厅), and 广州市政府 → 天河区政府."""
    gd = RegionFactory(code="440000", name="广东省")
    gz = RegionFactory(code="440100", name="广州市")
    th = RegionFactory(code="440106", name="天河区")
    root = AgencyFactory(name="广东省人民政府", kind="government", region=gd)
    office = AgencyFactory(name="广东省人民政府办公厅", parent=root, kind="office", region=gd)
    transport = AgencyFactory(name="广东省交通运输厅", parent=root, region=gd)
    city = AgencyFactory(name="广州市人民政府", parent=root, kind="government", region=gz)
    county = AgencyFactory(name="广州市天河区人民政府", parent=city, kind="government", region=th)
    return {"root": root, "office": office, "transport": transport, "city": city, "county": county}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache and the site language (zh-hans) active."""
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A request in an earlier test may have left English active in this thread.
    translation.activate("zh-hans")
    yield
