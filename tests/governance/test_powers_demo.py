"""The demo power list loads from its XLSX file through the import, once."""

import io

import pytest

from sunshine.demo import kernel_data, powers_data
from sunshine.governance.powers.models import PowerItem, PowerItemVersion

pytestmark = pytest.mark.django_db


def test_demo_power_list_loads_once():
    kernel_data.load()
    out = io.StringIO()
    powers_data.load(stdout=out)
    assert "导入 12 项" in out.getvalue()
    powers_data.load(stdout=out)
    assert PowerItem.objects.count() == 12
    assert PowerItemVersion.objects.count() == 13  # one item revised with a later date
    assert PowerItem.objects.filter(kind="inspection").count() == 3
