import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.testing.factories import staff_with

from .utils import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar_loaded(db):
    from sunshine.kernel.workcalendar.services import load_bundled_calendar

    load_bundled_calendar()


def key_for(user):
    return issue_api_token(actor=user, name="测试")[1]


@pytest.fixture
def transport_clock(province, calendar_loaded):
    # The department itself stands in for a case file: any object with an agency holds clocks.
    with clock.frozen(dt.date(2026, 9, 30)):
        return start_clock(obj=province["transport"], rule="foi.reply")


def test_staff_sees_clocks_of_their_agency(client, officer_key, transport_clock):
    with clock.frozen(dt.date(2026, 10, 9)):
        response = client.get("/api/v1/clocks", **bearer(officer_key))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == transport_clock.pk
    assert item["rule"] == "foi.reply"
    assert item["rule_label"] == "依申请公开答复"
    assert item["title"] == "依申请公开答复：广东省交通运输厅"
    assert item["object_type"] == "orgs.agency"
    assert item["agency_name"] == "广东省交通运输厅"
    assert item["state"] == "running" and item["state_label"] == "计时中"
    assert item["unit"] == "wd" and item["length"] == 20
    assert item["due_at"].endswith("+08:00")
    assert item["due_date"] == transport_clock.due_date.isoformat()
    assert item["time_left"] == 18  # 10-09 is the 2nd working day after 09-30 (holiday week)
    assert item["urgency"] == "on_time"


def test_staff_of_another_agency_does_not_see_it(client, province, transport_clock):
    outsider = staff_with(Role.DISCLOSURE_OFFICER, province["city"])
    body = client.get("/api/v1/clocks", **bearer(key_for(outsider))).json()
    assert body == {"count": 0, "items": []}


def test_parent_agency_and_supervisor_see_it(client, province, transport_clock):
    head = staff_with(Role.AGENCY_ADMIN, province["root"])
    supervisor = staff_with(Role.SUPERVISOR, province["office"])
    for user in (head, supervisor):
        assert client.get("/api/v1/clocks", **bearer(key_for(user))).json()["count"] == 1


def test_stopped_clock_is_not_listed(client, officer, officer_key, transport_clock):
    stop_clock(clock=transport_clock, actor=officer, outcome="已答复")
    assert client.get("/api/v1/clocks", **bearer(officer_key)).json()["count"] == 0


def test_filter_by_agency_subtree(client, province, transport_clock):
    supervisor = staff_with(Role.SUPERVISOR, province["office"])
    key = key_for(supervisor)
    city = client.get(f"/api/v1/clocks?agency={province['city'].pk}", **bearer(key)).json()
    assert city["count"] == 0
    root = client.get(f"/api/v1/clocks?agency={province['root'].pk}", **bearer(key)).json()
    assert root["count"] == 1
    missing = client.get("/api/v1/clocks?agency=999999", **bearer(key))
    assert missing.status_code == 404
    assert missing.json() == {"detail": "没有该机关。"}


def test_queries_do_not_grow_with_the_list(client, province, officer_key, calendar_loaded):
    with clock.frozen(dt.date(2026, 9, 30)):
        start_clock(obj=province["transport"], rule="foi.reply")
        client.get("/api/v1/clocks", **bearer(officer_key))  # warm the site cache
        with CaptureQueriesContext(connection) as one:
            client.get("/api/v1/clocks", **bearer(officer_key))
        for rule in ("foi.third_party", "foi.payment", "foi.correction_notice"):
            start_clock(obj=province["transport"], rule=rule)
        with CaptureQueriesContext(connection) as four:
            body = client.get("/api/v1/clocks", **bearer(officer_key)).json()
    assert body["count"] == 4
    assert len(four.captured_queries) == len(one.captured_queries)


def test_requires_a_token(client, db):
    assert client.get("/api/v1/clocks").status_code == 401
