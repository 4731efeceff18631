"""Tables three and four on a small dataset whose numbers are counted by hand."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sunshine.disclosure.foi import remedies, replies
from sunshine.disclosure.foi.annual import InvariantError, annual_tables, row
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel import clock
from sunshine.testing.factories.foi import organisation, person, received

D = dt.date
pytestmark = pytest.mark.django_db


def reply(request, officer, day, outcome):
    with clock.frozen(day):
        replies.reply_to_request(
            request=request, actor=officer, outcome=outcome, generate_letters=False
        )


@pytest.fixture
def dataset(transport, officer):
    a = received(transport, officer, D(2025, 12, 22), person(1))
    reply(a, officer, D(2026, 1, 9), "disclosed")
    b = received(transport, officer, D(2025, 11, 3), organisation(2))
    reply(b, officer, D(2025, 11, 20), "disclosed")
    c = received(transport, officer, D(2026, 3, 2), organisation(3))
    reply(c, officer, D(2026, 3, 20), "withheld_process")
    received(transport, officer, D(2026, 12, 28), organisation(4, kind="research"))
    e = received(transport, officer, D(2026, 5, 6), person(5))
    with clock.frozen(D(2026, 5, 7)):
        from sunshine.disclosure.foi import services

        services.send_correction_notice(request=e, actor=officer, items="缺少文号")
    reply(e, officer, D(2026, 6, 10), "other_no_correction")
    received(transport, officer, D(2025, 12, 29), organisation(6, kind="legal_service"))
    g = received(transport, officer, D(2026, 6, 1), organisation(7, kind="public_interest"))
    reply(g, officer, D(2027, 1, 5), "unavailable_not_held")
    # Table four
    with clock.frozen(D(2026, 12, 1)):
        review = remedies.record_review_case(
            request=a, actor=officer, review_body="广东省人民政府", filed_on=D(2026, 2, 2)
        )
        remedies.decide_case(
            case=review, actor=officer, result="corrected", decided_on=D(2026, 3, 2)
        )
        remedies.record_lawsuit(
            request=c,
            actor=officer,
            kind="direct",
            court="广州铁路运输法院",
            filed_on=D(2026, 4, 1),
        )
        late = remedies.record_lawsuit(
            request=a,
            actor=officer,
            kind="after_review",
            court="广州铁路运输法院",
            filed_on=D(2026, 12, 1),
        )
    with clock.frozen(D(2027, 1, 6)):
        remedies.decide_case(case=late, actor=officer, result="upheld", decided_on=D(2027, 1, 4))
    return {"c": c}


def test_table_three_by_hand(transport, dataset):
    three = annual_tables(transport, 2026)["table_three"]
    assert row(three, "new") == {
        "natural_person": 1,
        "business": 1,
        "research": 1,
        "public_interest": 1,
        "legal_service": 0,
        "other_org": 0,
        "total": 4,
    }
    assert row(three, "carried_in") == {
        "natural_person": 1,
        "business": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 1,
        "other_org": 0,
        "total": 2,
    }
    assert row(three, "disclosed")["natural_person"] == 1
    assert row(three, "withheld")["business"] == 1
    assert row(three, "withheld_process")["business"] == 1
    assert row(three, "other_no_correction")["natural_person"] == 1
    assert row(three, "results_total")["total"] == 3
    assert row(three, "carried_out") == {
        "natural_person": 0,
        "business": 0,
        "research": 1,
        "public_interest": 1,
        "legal_service": 1,
        "other_org": 0,
        "total": 3,
    }
    # 2025: B received and replied, A and F carried to 2026.
    three_2025 = annual_tables(transport, 2025)["table_three"]
    assert row(three_2025, "new")["total"] == 3
    assert row(three_2025, "carried_out")["total"] == 2


def test_table_four_by_hand(transport, dataset):
    blocks = {b["key"]: b["values"] for b in annual_tables(transport, 2026)["table_four"]["blocks"]}
    assert blocks["review"] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert blocks["lawsuit_direct"]["pending"] == 1
    # decided on 2027-01-04: still 尚未审结 at the end of 2026
    assert blocks["lawsuit_after_review"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }


def test_command_json(transport, dataset):
    out = StringIO()
    call_command("foi_annual_tables", transport.credit_code, "2026", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["agency"] == "广东省交通运输厅"
    call_command("foi_annual_tables", "广东省交通运输厅", "2026", stdout=StringIO())


def test_invariant_violation_names_the_column(transport, dataset):
    # A data error: the reply of C dated before its receipt (received in 2027).
    InfoRequest.objects.filter(pk=dataset["c"].pk).update(received_on=D(2027, 1, 3))
    with pytest.raises(InvariantError) as exc:
        annual_tables(transport, 2026)
    assert exc.value.column == "business" and "商业企业" in str(exc.value)
    with pytest.raises(CommandError, match="商业企业"):
        call_command("foi_annual_tables", str(transport.pk), "2026", "--json", stdout=StringIO())
