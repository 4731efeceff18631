"""The demo spot checks load from their XLSX libraries, once; the published draw verifies."""

import io

import pytest
from django.core.management import call_command

from sunshine.demo import kernel_data, powers_data, spotchecks_data
from sunshine.governance.spotchecks.models import CheckTarget, Inspector, SpotCheckPlan

pytestmark = pytest.mark.django_db


def test_demo_spot_checks_load_once_and_verify():
    kernel_data.load()
    powers_data.load()
    spotchecks_data.load()
    spotchecks_data.load()
    assert CheckTarget.objects.count() == 30 and Inspector.objects.count() == 8
    plans = {p.title: p for p in SpotCheckPlan.objects.all()}
    assert [p.state for p in plans.values()].count("published") == 1
    assert len(plans) == 2
    for plan in plans.values():
        out = io.StringIO()
        call_command("spotcheck_draw", str(plan.pk), "--verify", stdout=out)
        assert out.getvalue().strip().endswith("OK")
