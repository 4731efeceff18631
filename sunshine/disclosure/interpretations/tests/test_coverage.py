"""Coverage (解读率) per agency: records needing interpretation vs interpreted."""

import csv
import datetime as dt
import io

import pytest

from sunshine.disclosure.interpretations import services
from sunshine.disclosure.interpretations.coverage import (
    coverage_total,
    coverage_years,
    interpretation_coverage,
)
from sunshine.kernel import clock
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.interpretations import interpretation, publish, published_pair
from sunshine.testing.factories.records import make_people, record_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def waived(people, title="免于解读的文件"):
    record = record_in("signed_off", people, needs_interpretation=True, title=title)
    services.override_interpretation_requirement(
        record=record, actor=people["approver"], reason="无需解读"
    )
    publish(record, people["approver"])
    return record


@pytest.fixture
def landscape(people):
    """办公厅: 2026 — one interpreted, one waived, one waived then interpreted later, one not
    needing, one still in review; 2025 — one interpreted. 交通厅 2026: one interpreted.
    天河区 2026: one waived."""
    province = people["province"]
    transport = make_people(province["transport"])
    county = make_people(province["county"])
    with clock.frozen(dt.date(2025, 6, 3)):
        published_pair(people, date_written=dt.date(2025, 5, 20))
    with clock.frozen(dt.date(2026, 10, 9)):
        published_pair(people)
        waived(people)
        later = waived(people, title="后补解读的文件")
        published_pair(people, needs=False)
        record_in("reviewed", people, needs_interpretation=True)
        published_pair(transport)
        waived(county)
    with clock.frozen(dt.date(2026, 10, 20)):
        supplement = interpretation(people, later, ready=True)
        services.publish_interpretation(interpretation=supplement, actor=people["officer"])
    return {"office": people, "transport": transport, "county": county}


def numbers(rows):
    return {r.agency.name: (r.needing, r.interpreted, r.waived, r.percent) for r in rows}


def test_numbers_per_agency_and_year(landscape):
    assert numbers(interpretation_coverage()) == {
        "广东省人民政府办公厅": (4, 3, 1, "75.0%"),
        "广东省交通运输厅": (1, 1, 0, "100.0%"),
        "广州市天河区人民政府": (1, 0, 1, "0.0%"),
    }
    assert numbers(interpretation_coverage(year=2025)) == {
        "广东省人民政府办公厅": (1, 1, 0, "100.0%")
    }
    rows = interpretation_coverage(year=2026)
    assert [r.agency.name for r in rows] == [
        "广东省人民政府办公厅",
        "广东省交通运输厅",
        "广州市天河区人民政府",
    ]  # tree order
    total = coverage_total(rows)
    assert (total.needing, total.interpreted, total.missing, total.waived) == (5, 3, 2, 2)
    assert total.rate == pytest.approx(0.6)
    assert interpretation_coverage(year=2024) == []
    assert coverage_total([]).percent == "—"
    assert coverage_years() == [2026, 2025]


def test_agency_means_its_subtree(landscape, province):
    assert numbers(interpretation_coverage(agency=province["city"])) == {
        "广州市天河区人民政府": (1, 0, 1, "0.0%")
    }
    assert len(interpretation_coverage(agency=province["root"])) == 3


def test_viewer_sees_their_subtree_supervisors_everything(landscape, province):
    transport_officer = landscape["transport"]["officer"]
    assert list(numbers(interpretation_coverage(viewer=transport_officer))) == ["广东省交通运输厅"]
    city_admin = staff_with("agency_admin", province["city"])
    assert list(numbers(interpretation_coverage(viewer=city_admin))) == ["广州市天河区人民政府"]
    supervisor = landscape["office"]["supervisor"]
    assert len(interpretation_coverage(viewer=supervisor)) == 3


def test_page_and_csv(client, landscape, django_assert_max_num_queries):
    client.force_login(landscape["office"]["supervisor"])
    client.get("/workbench/interpretations/coverage/")
    with django_assert_max_num_queries(10):
        page = client.get("/workbench/interpretations/coverage/?year=2026")
    html = page.content.decode()
    assert "广州市天河区人民政府" in html and "60.0%" in html
    assert '<option value="2025">' in html
    response = client.get("/workbench/interpretations/coverage.csv?year=2026")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "interpretation-coverage-2026.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["机关", "需要解读", "已解读", "未解读", "其中免于解读", "解读率"]
    assert rows[1] == ["广东省人民政府办公厅", "3", "2", "1", "1", "66.7%"]
    assert rows[-1] == ["合计", "5", "3", "2", "2", "60.0%"]


def test_page_is_scoped(client, landscape):
    client.force_login(landscape["transport"]["drafter"])
    html = client.get("/workbench/interpretations/coverage/").content.decode()
    assert "广东省交通运输厅" in html and "广东省人民政府办公厅" not in html
    text = client.get("/workbench/interpretations/coverage.csv").content.decode()
    assert "广东省人民政府办公厅" not in text
