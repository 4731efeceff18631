import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar_loaded(db):
    from sunshine.kernel.workcalendar.services import load_bundled_calendar

    load_bundled_calendar()  # idempotent: a no-op when the data migration already loaded it


def test_add_crosses_national_day_and_counts_the_makeup_saturday(client, calendar_loaded):
    # 2026: 10-01..10-07 off; Saturday 10-10 is a 调休 working day.
    response = client.get("/api/v1/workdays/add?start=2026-09-30&n=3")
    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-09-30",
        "n": 3,
        "date": "2026-10-10",
        "provisional": False,
    }


def test_between(client, calendar_loaded):
    body = client.get("/api/v1/workdays/between?start=2026-09-30&end=2026-10-12").json()
    assert body["count"] == 4  # 10-08, 10-09, 10-10 (调休), 10-12
    assert body["provisional"] is False


def test_unpublished_year_is_provisional(client, calendar_loaded):
    body = client.get("/api/v1/workdays/add?start=2027-03-01&n=1").json()
    assert body["date"] == "2027-03-02"
    assert body["provisional"] is True


@pytest.mark.parametrize(
    "query, field",
    [
        ("start=2026-13-01&n=1", "start"),
        ("start=yesterday&n=1", "start"),
        ("start=2000-01-01&n=1", "start"),  # before the official calendar begins
        ("start=2026-10-01&n=-1", "n"),
        ("start=2026-10-01&n=100000", "n"),
    ],
)
def test_bad_input_on_add_is_422_naming_the_field(client, calendar_loaded, query, field):
    response = client.get(f"/api/v1/workdays/add?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "提交的数据有误，请检查后重试。"
    assert list(body["errors"]) == [field]
    assert body["errors"][field][0]


def test_bad_date_message_is_clear(client, calendar_loaded):
    body = client.get("/api/v1/workdays/between?start=2026-10-01&end=2026/10/09").json()
    assert body["errors"] == {"end": ["日期格式应为 YYYY-MM-DD，例如 2026-10-08。"]}


def test_missing_parameter_is_422(client, calendar_loaded):
    response = client.get("/api/v1/workdays/add?start=2026-10-01")
    assert response.status_code == 422
    assert response.json()["message"] == "请求参数有误：n。"
