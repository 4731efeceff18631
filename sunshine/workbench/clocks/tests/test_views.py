import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunshine.kernel import clock
from sunshine.kernel.deadlines import services
from sunshine.kernel.deadlines.sweep import sweep_open_clocks
from sunshine.testing.factories import staff_with

D = dt.date
pytestmark = pytest.mark.django_db
URL = "/workbench/clocks/"


@pytest.fixture
def data(province):
    transport = province["transport"]
    with clock.frozen(D(2026, 9, 30)):
        reply = services.start_clock(obj=transport, rule="foi.reply")  # due 11-03
        notice = services.start_clock(obj=transport, rule="foi.correction_notice")  # 10-15
        theirs = services.start_clock(obj=province["city"], rule="foi.reply")
    with clock.frozen(D(2026, 10, 29)):
        sweep_open_clocks()
    return {
        "reply": reply,
        "notice": notice,
        "theirs": theirs,
        "officer": staff_with("disclosure_officer", transport),
        "drafter": staff_with("drafter", transport),
        "approver": staff_with("approver", transport),
    }


def test_list_by_urgency_and_scoped(client, data):
    client.force_login(data["drafter"])
    with clock.frozen(D(2026, 10, 29)):
        html = client.get(URL).content.decode()
    assert html.index("badge-overdue") < html.index("badge-due_soon")
    assert "逾期 10 个工作日" in html and "剩余 3 个工作日" in html
    assert data["reply"].get_absolute_url() in html
    assert data["theirs"].get_absolute_url() not in html
    assert client.get(data["theirs"].get_absolute_url()).status_code == 404


def test_detail_shows_events_and_only_permitted_forms(client, data):
    client.force_login(data["drafter"])
    html = client.get(data["reply"].get_absolute_url()).content.decode()
    assert "开始计时" in html and "2026-11-03" in html
    assert "暂停计时" not in html and 'name="approver"' not in html
    client.force_login(data["officer"])
    html = client.get(data["reply"].get_absolute_url()).content.decode()
    assert "暂停计时" in html and 'name="approver"' in html


def test_pause_resume_extend_through_the_pages(client, data):
    c, url = data["reply"], data["reply"].get_absolute_url()
    client.force_login(data["officer"])
    with clock.frozen(D(2026, 10, 12)):
        assert client.post(url + "pause/", {"reason": "补正"}).status_code == 302
    with clock.frozen(D(2026, 10, 16)):
        assert client.post(url + "resume/").status_code == 302
    c.refresh_from_db()
    assert c.due_date == D(2026, 11, 9)
    response = client.post(
        url + "extend/", {"approver": data["approver"].pk, "length": 30, "reason": "调档"}
    )
    assert response.status_code == 302  # refused by the rule, with a message
    c.refresh_from_db()
    assert c.extension_total == 0
    client.post(url + "extend/", {"approver": data["approver"].pk, "length": 5, "reason": "调档"})
    c.refresh_from_db()
    assert (c.extension_total, c.due_date) == (5, D(2026, 11, 16))
    assert client.post(url + "pause/", {"reason": ""}).status_code == 400

    client.force_login(data["drafter"])
    assert client.post(url + "pause/", {"reason": "x"}).status_code == 403


def test_list_queries_do_not_grow_with_clocks(client, data, province):
    client.force_login(data["drafter"])
    client.get(URL)  # warm up (first-request lookups of other modules)
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for rule in ("foi.third_party", "foi.payment", "disclosure.publish"):
        services.start_clock(obj=province["transport"], rule=rule)
    services.start_clock(obj=data["drafter"], rule="message.reply")  # another object type
    with CaptureQueriesContext(connection) as after:
        html = client.get(URL).content.decode()
    assert html.count("/workbench/clocks/") >= 6
    assert len(after) == len(before) + 1  # one more prefetch for the second object type


def test_detail_lists_state_changes_in_words(client, data):
    client.force_login(data["drafter"])
    html = client.get(data["notice"].get_absolute_url()).content.decode()
    assert "正常 → 已逾期" in html
