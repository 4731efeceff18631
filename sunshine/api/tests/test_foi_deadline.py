"""GET /api/v1/foi/deadline: public, the dates counted by hand on the 2026 calendar, and 422
with the field named in the user's language."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/foi/deadline"


def test_anonymous_gets_the_dates(client):
    # Received Mon 03-02, corrected application 03-16: reply 04-14 (20 wd from 03-16 with
    # 清明 04-04..06 off); 补正 notice 7 wd from 03-02: 03-03..06, 03-09..11 → 03-11.
    response = client.get(URL, {"received": "2026-03-02", "correction_received": "2026-03-16"})
    assert response.status_code == 200
    assert response.json() == {
        "reply_due": "2026-04-14",
        "correction_notice_due": "2026-03-11",
        "third_party_due": None,
        "provisional": False,
    }


def test_third_party_without_answer_and_extension(client):
    # Received 09-28, third party 09-30 (its 15 wd end 10-27), no answer: reply 11-20;
    # +20 wd extension: 11-23..27 (5), 11-30..12-04 (10), 12-07..11 (15), 12-14..18 (20).
    data = client.get(
        URL,
        {"received": "2026-09-28", "third_party_sent": "2026-09-30", "extension": "20"},
    ).json()
    assert data["third_party_due"] == "2026-10-27"
    assert data["reply_due"] == "2026-12-18"
    assert data["provisional"] is False


def test_late_december_is_provisional(client):
    # 12-15 + 20 wd reaches January 2027, whose notice is not published.
    assert client.get(URL, {"received": "2026-12-15"}).json()["provisional"] is True


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "received"),
        ({"received": "2026-02-30"}, "received"),
        ({"received": "2026-03-02", "correction_received": "2026-03-01"}, "correction_received"),
        ({"received": "2026-03-02", "third_party_answered": "2026-03-05"}, "third_party_answered"),
        ({"received": "2026-03-02", "extension": "21"}, "extension"),
        ({"received": "2026-03-02", "extension": "两天"}, "extension"),
        ({"received": "1999-01-04"}, "received"),
    ],
)
def test_bad_parameters_are_422_with_the_field(client, params, field):
    response = client.get(URL, params)
    assert response.status_code == 422
    body = response.json()
    assert field in body["errors"], body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["errors"][field][0])


def test_errors_in_english(client):
    response = client.get(URL, {"received": "nope"}, headers={"accept-language": "en"})
    assert response.status_code == 422
    message = response.json()["errors"]["received"][0]
    assert "YYYY-MM-DD" in message and not any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_in_the_openapi(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/foi/deadline" in spec["paths"]
