import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from sunshine.kernel.accounts.models import RoleGrant, User
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.orgs.models import Agency

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_covers_every_role():
    call_command("load_demo")
    counts = (Agency.objects.count(), User.objects.count(), RoleGrant.objects.count())
    call_command("load_demo")
    assert (Agency.objects.count(), User.objects.count(), RoleGrant.objects.count()) == counts
    assert set(RoleGrant.objects.values_list("role", flat=True)) == set(Role.values)
    county = Agency.objects.get(name="仁化县人民政府")
    assert county.depth == 2 and county.parent.name == "韶关市人民政府"
    assert authenticate(username="drafter@demo.gd.gov.cn", password="Demo-2026!sun")
    assert verify_chain().ok


def test_load_demo_is_refused_in_production(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="生产环境"):
        call_command("load_demo")
