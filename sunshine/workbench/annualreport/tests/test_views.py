"""The staff pages of the annual report, and the figures the shell's registry brings from
行政执法公示 (counted by hand)."""

import datetime as dt

import pytest
from django.urls import reverse

from sunshine.disclosure.annualreport import report as report_data
from sunshine.disclosure.annualreport.models import AnnualReport
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.enforcement import EnforcementFactory

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(transport, officer):
    """2025: two 行政许可 (one published, one published then withdrawn — both decided in the
    year), one 行政处罚 published; one 行政处罚 decided in 2024; one 行政许可 decided but
    not published. By hand: 行政许可 2, 行政处罚 1."""
    f = EnforcementFactory(transport, officer)
    f.license("粤交许〔2025〕1号", "道路运输经营许可", "广州某运输有限公司",
              decided_on=D(2025, 3, 3), publish=True)  # fmt: skip
    w = f.license("粤交许〔2025〕2号", "道路运输经营许可", "佛山某运输有限公司",
                  decided_on=D(2025, 4, 3), publish=True)  # fmt: skip
    f.withdraw(w, revoked_on=D(2025, 6, 1), reason="许可被依法撤销")
    f.penalty("粤交罚〔2025〕1号", "超限运输案", "东莞某物流有限公司",
              decided_on=D(2025, 5, 6), publish=True)  # fmt: skip
    f.penalty("粤交罚〔2024〕9号", "超限运输案", "中山某物流有限公司",
              decided_on=D(2024, 12, 6), publish=True)  # fmt: skip
    f.license(
        "粤交许〔2025〕3号", "道路运输经营许可", "江门某运输有限公司", decided_on=D(2025, 7, 3)
    )


def test_enforcement_figures_by_hand(transport, decisions, province):
    two = report_data.table_two(transport, 2025)
    licensing = report_data.two_row(two, "licensing")
    assert licensing["values"] == {"decisions": 2}
    assert licensing["sources"] == ["行政执法公示"] and not licensing["manual"]
    assert report_data.two_row(two, "penalty")["values"] == {"decisions": 1}
    # the province's roll-up counts its departments' decisions; its own count has none
    root = province["root"]
    assert report_data.two_row(report_data.table_two(root, 2025), "licensing")["values"] == {
        "decisions": 0
    }
    rolled = report_data.table_two(root, 2025, within=True)
    assert report_data.two_row(rolled, "licensing")["values"] == {"decisions": 2}


def test_pages_save_and_refuse(client, transport, officer, decisions):
    client.force_login(officer)
    listing = client.get(reverse("workbench:annualreport_list") + "?year=2025")
    assert listing.status_code == 200
    assert (
        "广东省交通运输厅" in listing.content.decode() and "2026-01-31" in listing.content.decode()
    )
    url = reverse("workbench:annualreport_detail", args=[transport.pk, 2025])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "第二十条第（一）项" in html and "申请人情况" in html
    assert "表二.未填报.行政强制" in html  # named before anything is saved
    assert not AnnualReport.objects.exists()  # a GET writes nothing
    typed = "2025年，本厅认真贯彻《条例》。" * 3
    bad = client.post(url, {"section_one": typed, "manual_coercion": "-1"})
    assert bad.status_code == 400 and typed in bad.content.decode()  # nothing typed is lost
    saved = client.post(url, {"section_one": typed, "manual_coercion": "2"})
    assert saved.status_code == 302
    report = AnnualReport.objects.get()
    assert report.section_one == typed and report.manual == {"coercion": 2}
    publish = reverse("workbench:annualreport_publish", args=[transport.pk, 2025])
    done = client.post(publish, follow=True)
    assert "年度报告已发布" in done.content.decode()
    report.refresh_from_db()
    assert report.state == "published" and report.record.title.startswith("广东省交通运输厅2025年")
    docx = client.get(reverse("workbench:annualreport_download", args=[transport.pk, 2025, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_other_agencies_report_is_not_found(client, province, transport):
    outsider = staff_with("disclosure_officer", province["city"])
    client.force_login(outsider)
    url = reverse("workbench:annualreport_detail", args=[transport.pk, 2025])
    assert client.get(url).status_code == 404
    approver = staff_with("approver", transport)
    client.force_login(approver)
    assert client.get(url).status_code == 200
    assert client.post(url, {"section_one": "x"}).status_code == 403


def test_api_gives_the_published_report_only(client, transport, officer):
    url = f"/api/v1/annualreport/{transport.pk}/2025"
    assert client.get(url).status_code == 404
    from sunshine.disclosure.annualreport import services

    report = services.get_or_open(transport, 2025)
    services.save_draft(
        report=report, actor=officer, texts={"一": "概况。"}, manual={"coercion": 0}
    )
    assert client.get(url).status_code == 404  # a draft is not public
    services.publish(report=report, actor=officer)
    body = client.get(url).json()
    assert body["sections"]["一"] == {"title": "总体情况", "text": "概况。"}
    assert set(body["tables"]) == {"二", "三", "四"}


def test_dashboard_queue_shows_the_open_report(client, transport, officer):
    from sunshine.disclosure.annualreport import services

    services.get_or_open(transport, 2025)
    client.force_login(officer)
    html = client.get(reverse("workbench:dashboard")).content.decode()
    assert "广东省交通运输厅2025年政府信息公开工作年度报告" in html
