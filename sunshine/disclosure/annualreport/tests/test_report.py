"""The annual report on a small dataset whose numbers are worked out by hand (year 2025,
广东省交通运输厅 of the `province` fixture)."""

import datetime as dt
import io
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from sunshine.disclosure.annualreport import report as report_data
from sunshine.disclosure.annualreport import services, text
from sunshine.disclosure.annualreport.models import AnnualReport
from sunshine.disclosure.annualreport.selectors import report_clock
from sunshine.disclosure.foi import replies
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.disclosure.records import services as record_services
from sunshine.disclosure.records.importing import import_published_record
from sunshine.kernel import clock
from sunshine.testing.factories.foi import organisation, person, received

D = dt.date
pytestmark = pytest.mark.django_db


def doc(agency, title, published, *, number="", normative=True):
    return import_published_record(
        actor=None,
        agency=agency,
        title=title,
        date_written=published,
        date_published=published,
        doc_number=number,
        normative=normative,
        body="正文。",
    )


@pytest.fixture
def documents(transport, approver):
    """2024: N1, N2 published. 2025: N3, N4 published, N2 repealed, N4 expired; one 规章 R1;
    one other record O1. By hand for 2025 — 行政规范性文件: 制发 2 (N3, N4), 废止 2 (N2, N4),
    现行有效 2 (N1, N3), last year 2 (N1, N2); 规章: 1, 0, 1, last year 0."""
    n1 = doc(transport, "关于公路养护管理的规定", D(2024, 3, 1), number="粤交规〔2024〕1号")
    n2 = doc(transport, "关于道路运输的办法", D(2024, 6, 1), number="粤交规〔2024〕2号")
    n3 = doc(transport, "关于航道管理的规定", D(2025, 2, 1), number="粤交规〔2025〕1号")
    n4 = doc(transport, "关于春运的临时办法", D(2025, 4, 1), number="粤交规〔2025〕2号")
    doc(transport, "广东省公路条例实施办法", D(2025, 3, 1), number="粤府令〔2025〕310号",
        normative=False)  # fmt: skip
    doc(transport, "2025年春运工作情况", D(2025, 5, 1), normative=False)
    record_services.repeal(record=n2, actor=approver, comment="被新规定取代", on=D(2025, 5, 1))
    record_services.expire(record=n4, actor=approver, on=D(2025, 11, 30))
    return {"n1": n1, "n3": n3}


def reply(request, officer, day, outcome):
    with clock.frozen(day):
        replies.reply_to_request(
            request=request, actor=officer, outcome=outcome, generate_letters=False
        )


@pytest.fixture
def requests_2025(transport, officer):
    """A: person, 2025-03-01 → disclosed 03-20. B: business, 2025-12-20, open. C: person,
    2024-12-15 → disclosed 2025-01-10 (carried in). 信息处理费 150 元 paid on B in 2025.
    By hand: 新收 自然人 1, 商业企业 1, 总计 2; 上年结转 自然人 1; 予以公开 自然人 2;
    结转下年度 商业企业 1; 收费 0.0150 万元."""
    a = received(transport, officer, D(2025, 3, 1), person(1))
    reply(a, officer, D(2025, 3, 20), "disclosed")
    b = received(transport, officer, D(2025, 12, 20), organisation(2))
    c = received(transport, officer, D(2024, 12, 15), person(3))
    reply(c, officer, D(2025, 1, 10), "disclosed")
    InfoRequest.objects.filter(pk=b.pk).update(fee_amount=150, fee_paid_on=D(2025, 12, 24))
    return {"a": a, "b": b}


def test_table_two_by_hand(transport, documents, requests_2025):
    data = report_data.build(transport, 2025, manual={"coercion": 0})
    two = data["tables"]["二"]
    assert report_data.two_row(two, "normative")["values"] == {
        "issued": 2,
        "repealed": 2,
        "in_force": 2,
    }
    assert report_data.two_row(two, "rules")["values"] == {
        "issued": 1,
        "repealed": 0,
        "in_force": 1,
    }
    assert data["previous_in_force"] == {"rules": 0, "normative": 2, "source": "computed"}
    assert report_data.two_row(two, "fees")["values"] == {"amount": 0.015}
    coercion = report_data.two_row(two, "coercion")
    assert coercion["values"] == {"decisions": 0} and coercion["manual"]
    labels = [g["label"] for g in two["groups"]]
    assert labels == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert [c["label"] for c in two["groups"][0]["columns"]] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert two["groups"][3]["columns"][1]["label"] == "本年收费金额（单位：万元）"
    assert data["failures"] == []


def test_tables_three_four_and_sections(transport, requests_2025):
    data = report_data.build(transport, 2025, texts={"一": "总体情况正文"}, manual={"coercion": 1})
    rows = {r["key"]: r["values"] for r in data["tables"]["三"]["rows"]}
    assert rows["new"]["natural_person"] == 1 and rows["new"]["business"] == 1
    assert rows["new"]["total"] == 2
    assert rows["carried_in"]["total"] == 1 and rows["carried_in"]["natural_person"] == 1
    assert rows["disclosed"]["natural_person"] == 2
    assert rows["carried_out"] == {
        **dict.fromkeys(rows["carried_out"], 0),
        "business": 1,
        "total": 1,
    }
    assert data["tables"]["四"]["blocks"][0]["values"]["total"] == 0
    assert list(data["sections"]) == ["一", "二", "三", "四", "五", "六"]
    assert data["sections"]["一"] == {"title": "总体情况", "text": "总体情况正文"}
    assert data["sections"]["五"]["title"] == "存在的主要问题及改进情况"
    requests_fact = next(f for f in data["facts"] if f["key"] == "requests")
    assert "新收政府信息公开申请2件" in requests_fact["text"]
    assert "结转下年度继续办理1件" in requests_fact["text"]


def test_invariant_failures_are_named(transport, officer, documents):
    # A reply dated before its receipt: counted as 新收 but in neither 三 nor 四.
    bad = received(transport, officer, D(2025, 5, 1), person(9))
    InfoRequest.objects.filter(pk=bad.pk).update(replied_on=D(2024, 12, 1), outcome="disclosed")
    # Last year's published report said 5 行政规范性文件 were in force (not 2).
    now = timezone.now()
    last = AnnualReport.objects.create(
        agency=transport, year=2024, state="published", created_at=now, updated_at=now
    )
    last.published_data = report_data.build(transport, 2024, manual={"coercion": 0})
    report_data.two_row(last.published_data["tables"]["二"], "normative")["values"]["in_force"] = 5
    last.save()
    report = services.get_or_open(transport, 2025)
    data = services.compute(report)
    codes = [f["code"] for f in data["failures"]]
    assert "表三.平衡.自然人" in codes
    assert "表三.平衡.总计" in codes
    assert "表二.现行有效.行政规范性文件" in codes
    assert "表二.未填报.行政强制" in codes
    message = next(
        f["message"] for f in data["failures"] if f["code"] == "表二.现行有效.行政规范性文件"
    )
    assert "应为上年5件+本年制发2件−本年废止2件=5件" in message
    with pytest.raises(CommandError, match="表三.平衡.自然人"):
        call_command("annual_report", str(transport.pk), "2025", "--json", stdout=StringIO())
    services.save_draft(report=report, actor=officer, texts={"一": "概况"})
    with pytest.raises(services.PublishRefused) as refused:
        services.publish(report=report, actor=officer)
    assert "表二.现行有效.行政规范性文件" in str(refused.value.messages)
    report.refresh_from_db()
    assert report.state == "draft" and report.record_id is None


def test_command_json_has_template_keys(transport, documents, requests_2025, officer):
    report = services.get_or_open(transport, 2025)
    services.save_draft(report=report, actor=officer, manual={"coercion": "3"})
    out = StringIO()
    call_command("annual_report", transport.credit_code, "2025", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data["sections"]) == {"一", "二", "三", "四", "五", "六"}
    assert set(data["tables"]) == {"二", "三", "四"}
    assert report_data.two_row(data["tables"]["二"], "coercion")["values"]["decisions"] == 3
    assert data["tables"]["三"]["header"] == "申请人情况"
    assert [c["label"] for c in data["tables"]["四"]["columns"]] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]


def test_manual_figures_validated(transport, officer):
    report = services.get_or_open(transport, 2025)
    with pytest.raises(ValidationError) as error:
        services.save_draft(report=report, actor=officer, manual={"coercion": "三"})
    assert "coercion" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.save_draft(report=report, actor=officer, manual={"licensing": "3"})


def _due(report):
    return timezone.localtime(report_clock(report).due_at).date()


def test_due_dates_by_hand(province):
    # 2025 report: department by Saturday 31 January 2026 (a fixed date: not moved to Monday
    # 2 February), government by 31 March 2026.
    department = services.get_or_open(province["transport"], 2025)
    government = services.get_or_open(province["root"], 2025)
    office = services.get_or_open(province["office"], 2025)
    assert _due(department) == D(2026, 1, 31)
    assert report_clock(department).length == 31
    assert _due(government) == D(2026, 3, 31)
    assert report_clock(government).length == 90
    assert _due(office) == D(2026, 3, 31)
    assert government.rollup and not department.rollup
    # the leap year 2028: 31 + 29 + 31 = 91 days after 31 December 2027
    with clock.frozen(D(2028, 1, 2)):
        leap = services.get_or_open(province["city"], 2027)
    assert _due(leap) == D(2028, 3, 31) and report_clock(leap).length == 91
    # the daily job opens every other agency's report once
    assert services.open_year(2025) == 2  # the city and the county
    assert services.open_year(2025) == 0


def test_publish_creates_the_record_and_stops_the_clock(
    transport, documents, requests_2025, officer
):
    from sunshine.testing.factories.catalog import CatalogFactory, CatalogItemFactory

    catalog = CatalogFactory(agency=transport, actor=officer)
    item = CatalogItemFactory(
        catalog=catalog,
        actor=officer,
        category="政务公开工作",
        subcategory="政府信息公开工作年度报告",
    )
    report = services.get_or_open(transport, 2025)
    services.save_draft(
        report=report, actor=officer, texts={"一": "2025年，本厅全面推进政务公开。"},
        manual={"coercion": 4},
    )  # fmt: skip
    with clock.frozen(D(2026, 1, 20)):
        services.publish(report=report, actor=officer)
    report.refresh_from_db()
    assert report.state == "published"
    record = report.record
    assert record.title == "广东省交通运输厅2025年政府信息公开工作年度报告"
    assert record.state == "published" and record.kind == "report"
    assert "第二十条第（一）项" in record.body and "2025年，本厅全面推进政务公开。" in record.body
    assert item.links.filter(record=record).exists()
    stopped = report_clock(report)
    assert stopped.state == "stopped" and stopped.met_deadline
    # frozen: the figures stay as published
    assert report_data.two_row(report.published_data["tables"]["二"], "coercion")["values"] == {
        "decisions": 4
    }
    with pytest.raises(ValidationError):
        services.save_draft(report=report, actor=officer, texts={"一": "改"})


def test_docx_and_pdf_have_the_table_headings(transport, requests_2025):
    from docx import Document
    from pypdf import PdfReader

    data = report_data.build(transport, 2025, texts={"一": "概况。"}, manual={"coercion": 0})
    document = Document(io.BytesIO(text.render_docx(data)))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert {"本年制发件数", "第二十条第（一）项", "申请人情况", "结果维持"} <= cells
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "一、总体情况" and headings[-1] == "六、其他需要报告的事项"
    pdf = PdfReader(io.BytesIO(text.render_pdf(data)))
    content = "".join(page.extract_text() for page in pdf.pages)
    for heading in ("本年制发件数", "本年处理决定数量", "申请人情况", "行政复议", "总体情况"):
        assert heading in content.replace(" ", "").replace("\n", "")


def test_reminders_through_notify(transport, officer):
    from sunshine.kernel.deadlines.sweep import sweep_open_clocks
    from sunshine.kernel.notify.models import Notification

    report = services.get_or_open(transport, 2025)
    with clock.frozen(D(2026, 1, 10)):  # 21 days left: not yet
        sweep_open_clocks()
    assert not Notification.objects.filter(recipient=officer).exists()
    with clock.frozen(D(2026, 1, 22)):  # 9 days left (due_soon is 10 days)
        sweep_open_clocks()
    reminder = Notification.objects.get(recipient=officer)
    assert reminder.event == "clock.due_soon" and "2026-01-31" in reminder.body
    with clock.frozen(D(2026, 2, 2)):
        sweep_open_clocks()
    assert Notification.objects.filter(recipient=officer, event="clock.overdue").count() == 1
    assert report_clock(report).urgency == "overdue"


def test_government_rolls_up_its_departments(province, requests_2025, documents):
    root = province["root"]
    own = report_data.build(root, 2025, manual={"coercion": 0})
    rolled = report_data.build(root, 2025, within=True, manual={"coercion": 0})
    new = {r["key"]: r["values"] for r in rolled["tables"]["三"]["rows"]}["new"]
    assert {r["key"]: r["values"] for r in own["tables"]["三"]["rows"]}["new"]["total"] == 0
    assert new["total"] == 2 and new["business"] == 1  # the department's, by hand above
    assert report_data.two_row(rolled["tables"]["二"], "normative")["values"]["in_force"] == 2
    assert report_data.two_row(rolled["tables"]["二"], "fees")["values"] == {"amount": 0.015}
    assert rolled["rollup"] and rolled["failures"] == []
