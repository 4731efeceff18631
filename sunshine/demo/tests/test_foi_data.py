"""The demo loader (sunshine/demo/foi_data.py): every state, balanced tables, idempotent."""

import pytest

from sunshine.demo import foi_data as demo
from sunshine.demo import kernel_data
from sunshine.disclosure.foi.annual import annual_tables, row
from sunshine.disclosure.foi.choices import OUTCOME_GROUP, RequestState
from sunshine.disclosure.foi.models import InfoRequest, ReviewCase
from sunshine.kernel.orgs.models import Agency

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_loads_every_state_and_is_idempotent():
    kernel_data.load()
    demo.load(stdout=None)
    count = InfoRequest.objects.count()
    assert count == 32
    assert set(InfoRequest.objects.values_list("state", flat=True)) == set(RequestState.values)
    outcomes = set(InfoRequest.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert {OUTCOME_GROUP[o] for o in outcomes} == set(OUTCOME_GROUP.values())
    assert ReviewCase.objects.exists()
    agency = Agency.objects.get(name="广东省交通运输厅")
    for year in (2025, 2026):
        three = annual_tables(agency, year)["table_three"]  # the invariant holds
        assert row(three, "results_total")["total"] > 5
    assert row(annual_tables(agency, 2026)["table_three"], "carried_in")["total"] == 2
    demo.load(stdout=None)
    assert InfoRequest.objects.count() == count
