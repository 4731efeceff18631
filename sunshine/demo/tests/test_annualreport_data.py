"""The demo 2025 report of 广东省交通运输厅 (sunshine/demo/annualreport_data.py): complete,
balanced, its table 二 as worked out by hand from the demo documents, published on time."""

import pytest
from django.utils import timezone

from sunshine.demo import annualreport_data as demo
from sunshine.demo import foi_data, kernel_data
from sunshine.disclosure.annualreport import report as report_data
from sunshine.disclosure.annualreport.selectors import report_clock, report_of
from sunshine.disclosure.foi.annual import annual_tables, row
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_demo_report_is_complete_and_published_on_time():
    kernel_data.load()
    foi_data.load(stdout=None)
    demo.load(stdout=None)
    agency = Agency.objects.get(name="广东省交通运输厅")
    report = report_of(agency, 2025)
    assert report.is_published and report.record.state == "published"
    data = report.published_data
    assert data["failures"] == []
    assert all(data["sections"][n]["text"] for n in ("一", "五", "六"))
    two = data["tables"]["二"]
    # the three demo documents: 2024 (repealed 2025-08-01), 2025, 2025
    assert report_data.two_row(two, "normative")["values"] == {
        "issued": 2,
        "repealed": 1,
        "in_force": 2,
    }
    assert report_data.two_row(two, "coercion")["values"] == {"decisions": 12}
    # table 三 is foi's table three of the same year
    three = {r["key"]: r["values"] for r in data["tables"]["三"]["rows"]}
    foi_three = annual_tables(agency, 2025)["table_three"]
    assert three["new"] == row(foi_three, "new")
    assert three["results_total"] == row(foi_three, "results_total")
    assert three["new"]["total"] > 5
    assert "新收政府信息公开申请" in data["sections"]["一"]["text"]
    clock = report_clock(report)
    assert timezone.localtime(clock.due_at).date().isoformat() == "2026-01-31"
    assert clock.state == "stopped" and clock.met_deadline
    # indexed for search by the demo itself (load_demo may run in one transaction)
    indexed = set(
        SearchDocument.objects.filter(doc_type="record").values_list("object_id", flat=True)
    )
    assert str(report.record_id) in indexed
    demo.load(stdout=None)  # idempotent
    assert report_of(agency, 2025).record_id == report.record_id
