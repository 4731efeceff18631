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


def test_demo_pages_render(client):
    """The demo's power list and spot checks on the portal and in the workbench."""
    from django.urls import reverse

    from sunshine.governance.powers.models import PowerItem
    from sunshine.kernel.accounts.models import User

    kernel_data.load()
    powers_data.load()
    spotchecks_data.load()
    done = SpotCheckPlan.objects.get(state="published")
    revised = PowerItem.objects.get(code="440000-JT-JC-002")
    pages = [
        (reverse("portal:powers_list"), "道路旅客运输经营许可"),
        (reverse("portal:powers_list") + "?kind=inspection", "对公路建设市场的监督检查"),
        (reverse("portal:powers_responsibility"), "追责情形"),
        (reverse("portal:powers_detail", args=[revised.pk]), "《广东省公路条例》"),
        (reverse("portal:spotchecks_list"), done.title),
        (reverse("portal:spotchecks_detail", args=[done.pk]), "车辆技术档案不全"),
    ]
    for url, text in pages:
        page = client.get(url)
        assert page.status_code == 200 and text in page.content.decode(), url
    client.force_login(User.objects.get(email="admin@demo.gd.gov.cn"))
    for url in (
        reverse("workbench:powers_list"),
        reverse("workbench:powers_detail", args=[revised.pk]),
        reverse("workbench:spotchecks_list"),
        reverse("workbench:spotchecks_detail", args=[done.pk]),
        reverse("workbench:dashboard"),
    ):
        assert client.get(url).status_code == 200, url
