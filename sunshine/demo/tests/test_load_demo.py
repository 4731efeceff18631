"""The whole demo (load_demo) runs twice in ONE test: it is the slowest fixture of the suite
(about 90 s), so every check of the complete demo belongs here rather than loading it again."""

import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from sunshine.kernel.accounts.models import RoleGrant, User
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_covers_every_role():
    from sunshine.disclosure.records import indexing
    from sunshine.disclosure.records.models import DisclosureRecord

    call_command("load_demo", stdout=io.StringIO())
    counts = (Agency.objects.count(), User.objects.count(), RoleGrant.objects.count())
    records = (DisclosureRecord.objects.count(), SearchDocument.objects.count())
    assert records[0] >= 200 + 10 and records[1] >= 200
    call_command("load_demo", stdout=io.StringIO())
    assert (Agency.objects.count(), User.objects.count(), RoleGrant.objects.count()) == counts
    assert (DisclosureRecord.objects.count(), SearchDocument.objects.count()) == records
    # The 2016 阳光政务 notice is found first.
    seed = indexing.search_public("阳光政务").hits[0]
    assert seed.title.startswith("广东省人民政府办公厅关于推进<mark>阳光政务</mark>")
    assert seed.agency_name == "广东省人民政府办公厅" and seed.doc_number == "粤办函〔2016〕629号"
    record = DisclosureRecord.objects.get(pk=seed.object_id)
    assert record.date_written == dt.date(2016, 12, 12)
    assert record.recipients.startswith("各地级以上市")
    modes = set(DisclosureRecord.objects.values_list("disclosure_mode", "state"))
    assert {("on_request", "draft"), ("withheld", "submitted"), ("proactive", "draft")} <= modes
    public_ids = {
        str(pk)
        for pk in DisclosureRecord.objects.filter(state="published").values_list("pk", flat=True)
    }
    # other modules index their own public items (messages, service items, ...) beside records
    indexed = SearchDocument.objects.filter(doc_type="record").values_list("object_id", flat=True)
    assert set(indexed) == public_ids
    assert set(RoleGrant.objects.values_list("role", flat=True)) == set(Role.values)
    county = Agency.objects.get(name="仁化县人民政府")
    assert county.depth == 2 and county.parent.name == "韶关市人民政府"
    assert authenticate(username="drafter@demo.gd.gov.cn", password="Demo-2026!sun")
    assert verify_chain().ok


def test_load_demo_is_refused_in_production(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="生产环境"):
        call_command("load_demo")
