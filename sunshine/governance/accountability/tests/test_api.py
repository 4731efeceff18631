"""/api/v1/accountability (staff token only): list scoped to the caller, detail with steps,
open from a source, the acts by name with JSON refusals (422 naming the fields, 403, 404),
and the statistics per agency."""

import pytest

from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories.accountability import case_in, open_other, overdue_clock

API = "/api/v1/accountability"
pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def test_staff_only(client, acc):
    assert client.get(API).status_code == 401


def test_open_walk_and_read(client, acc):
    running = overdue_clock(acc.agency)
    answer = post(
        client,
        API,
        {"source_kind": "overdue_clock", "source_id": running.pk, "title": "", "facts": ""},
        acc.supervisor,
    )
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"title", "facts"}
    answer = post(
        client,
        API,
        {
            "source_kind": "overdue_clock",
            "source_id": running.pk,
            "title": "留言超期",
            "facts": "超过答复期限。",
        },
        acc.supervisor,
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    case_id = body["id"]
    assert body["agency_id"] == acc.agency.pk and body["state"] == "filed"
    assert body["source_title"] == running.title and body["due_date"]
    assert [s["kind"] for s in body["steps"]] == ["filing"]
    # the agency's leader may not open nor decide, but gives the agency's account
    assert (
        post(
            client,
            API,
            {
                "source_kind": "other",
                "source_title": "x",
                "title": "t",
                "facts": "f",
                "agency_id": acc.agency.pk,
            },
            acc.leader,
        ).status_code
        == 403
    )
    url = f"{API}/{case_id}/transition"
    assert (
        post(client, url, {"action": "investigate", "findings": "x"}, acc.leader).status_code == 403
    )
    assert (
        post(client, url, {"action": "statement", "text": "已补办。"}, acc.leader).status_code
        == 200
    )
    assert post(client, url, {"action": "fly"}, acc.supervisor).status_code == 404
    assert (
        post(
            client, url, {"action": "investigate", "findings": "属实。"}, acc.supervisor
        ).status_code
        == 200
    )
    refused = post(
        client, url, {"action": "decide", "outcomes": ["bogus"], "text": ""}, acc.supervisor
    )
    assert refused.status_code == 422 and set(refused.json()["errors"]) == {"outcomes", "text"}
    assert (
        post(
            client,
            url,
            {"action": "decide", "outcomes": ["circulated_criticism"], "text": "通报批评。"},
            acc.supervisor,
        ).status_code
        == 200
    )
    done = post(client, url, {"action": "close", "text": "已整改。"}, acc.supervisor)
    assert done.status_code == 200 and done.json()["state"] == "closed"
    published = post(
        client, url, {"action": "publish", "summary": "予以通报批评。"}, acc.supervisor
    )
    assert published.json()["is_published"] is True
    detail = client.get(f"{API}/{case_id}", **bearer(acc.leader)).json()
    assert [s["kind"] for s in detail["steps"]] == [
        "filing",
        "statement",
        "investigation",
        "decision",
        "closing",
        "publication",
    ]
    assert detail["outcomes"] == ["circulated_criticism"]


def test_list_is_scoped_and_filtered(client, acc):
    mine = case_in("closed", acc, outcomes=("interview",))
    theirs = open_other(acc, agency=acc.other_agency)
    ids = [c["id"] for c in client.get(API, **bearer(acc.supervisor)).json()["items"]]
    assert sorted(ids) == sorted([mine.pk, theirs.pk])
    assert [c["id"] for c in client.get(API, **bearer(acc.leader)).json()["items"]] == [mine.pk]
    assert client.get(f"{API}/{theirs.pk}", **bearer(acc.leader)).status_code == 404
    filtered = client.get(API, {"outcome": "interview"}, **bearer(acc.supervisor)).json()
    assert filtered["count"] == 1 and filtered["items"][0]["outcomes"] == ["interview"]
    assert client.get(API, {"state": "open"}, **bearer(acc.supervisor)).json()["count"] == 1


def test_statistics(client, acc):
    case_in("closed", acc, outcomes=("interview", "circulated_criticism"))
    open_other(acc, agency=acc.other_agency)
    body = client.get(f"{API}/statistics", **bearer(acc.supervisor)).json()
    assert body["totals"]["total"] == 2
    transport = next(r for r in body["rows"] if r["agency_id"] == acc.agency.pk)
    assert transport["outcomes"]["interview"] == 1 and transport["states"]["closed"] == 1
    own = client.get(f"{API}/statistics", **bearer(acc.other_leader)).json()
    assert [r["agency_id"] for r in own["rows"]] == [acc.other_agency.pk]
    assert (
        client.get(
            f"{API}/statistics", {"since": "2026-13-01"}, **bearer(acc.supervisor)
        ).status_code
        == 422
    )
