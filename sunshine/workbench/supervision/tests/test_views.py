import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from sunshine.kernel.duban.services import issue_order
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.supervision import build_hall, more_applications

pytestmark = pytest.mark.django_db
MARCH = "?since=2026-03-01&until=2026-03-31"
URL = "/workbench/supervision/"
MAX_QUERIES = 28


def test_dashboard_numbers_charts_and_menu(
    client, province, supervision_hall, supervision_now, django_assert_max_num_queries
):
    supervisor = staff_with("supervisor", province["office"])
    client.force_login(supervisor)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL + MARCH)
    assert response.status_code == 200
    html = response.content.decode()
    assert "广东省交通运输厅" in html
    assert "66.7%" in html and "20.0%" in html and "50.0%" in html  # on time, 补正, 满意
    assert "6.0 个工作日" in html and "12 个工作日" in html  # average, p90
    assert html.count("<svg") == 2 and "各单位按时办结率" in html
    assert f'href="/workbench/supervision/agency/{province["transport"].pk}/' in html
    assert "电子监察" in html and 'aria-current="page"' in html
    # 督办 button on the overdue rows.
    assert (
        f"/workbench/oversight/new/?kind=service_application&amp;id={supervision_hall['d'].pk}"
        in html
    )


def test_agency_staff_see_only_their_agencies(client, province, supervision_hall, supervision_now):
    build_hall(province["city"])
    city_staff = staff_with("drafter", province["city"])
    client.force_login(city_staff)
    html = client.get(URL + MARCH).content.decode()
    assert "广州市人民政府" in html and "广东省交通运输厅" not in html
    assert "/workbench/oversight/new/" not in html  # no 督办 button for agency staff
    assert client.get(f"{URL}agency/{province['transport'].pk}/{MARCH}").status_code == 404
    assert client.get(f"{URL}{MARCH}&agency={province['transport'].pk}").status_code == 404
    assert client.get(f"{URL}agency/{province['city'].pk}/{MARCH}").status_code == 200
    supervisor = staff_with("supervisor", province["office"])
    client.force_login(supervisor)
    html = client.get(URL + MARCH).content.decode()
    assert "广州市人民政府" in html and "广东省交通运输厅" in html


def test_citizen_and_outsider_refused(client, province, supervision_hall, supervision_now):
    client.force_login(supervision_hall["a"].applicant)
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_agency_page_lists_orders_and_overdue(
    client, province, supervision_hall, supervision_now, django_assert_max_num_queries
):
    supervisor = staff_with("supervisor", province["office"])
    issue_order(
        target=supervision_hall["d"],
        agency=supervision_hall["d"].agency,
        actor=supervisor,
        reason="请尽快办理",
    )
    client.force_login(supervisor)
    with django_assert_max_num_queries(MAX_QUERIES + 6):
        response = client.get(f"{URL}agency/{province['transport'].pk}/{MARCH}")
    html = response.content.decode()
    assert response.status_code == 200
    assert supervision_hall["d"].number in html and "已督办" in html
    assert "道路旅客运输经营许可" in html


def test_overdue_page(
    client, province, supervision_hall, supervision_now, django_assert_max_num_queries
):
    client.force_login(staff_with("supervisor", province["office"]))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL + "overdue/")
    html = response.content.decode()
    assert response.status_code == 200
    for key in "abcd":
        assert supervision_hall[key].number in html
    assert supervision_hall["e"].number not in html


def test_xlsx_export_reads_back(client, province, supervision_hall, supervision_now):
    client.force_login(staff_with("supervisor", province["office"]))
    response = client.get(URL + "export.xlsx" + MARCH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("统计期间", "2026-03-01 至 2026-03-31")
    header, agency, total = rows[1], rows[2], rows[3]
    values = dict(zip(header, agency, strict=True))
    assert values["单位"] == "广东省交通运输厅"
    assert (values["收件"], values["办结"], values["按时办结"]) == (5, 3, 2)
    assert values["按时办结率"] == pytest.approx(2 / 3)
    assert values["平均办理时长（工作日）"] == 6.0 and values["90%办理时长（工作日）"] == 12
    assert values["补正率"] == pytest.approx(0.2) and values["满意率"] == pytest.approx(0.5)
    assert total[0] == "合计" and total[1] == 5
    overdue = list(book.worksheets[1].iter_rows(values_only=True))
    assert len(overdue) == 1 + 5  # header + D (review, total) + A, B, C (delivery)
    assert {r[0] for r in overdue[1:]} == {supervision_hall[k].number for k in "abcd"}
    months = list(book.worksheets[2].iter_rows(values_only=True))
    assert ("2026-03", 5, 3) in months


def test_query_counts_do_not_grow_with_data(client, province, supervision_hall, supervision_now):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff_with("supervisor", province["office"]))
    urls = [URL + MARCH, URL + "overdue/", f"{URL}agency/{province['transport'].pk}/{MARCH}",
            URL + "export.xlsx" + MARCH]  # fmt: skip

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    counts()  # warm the per-process caches (site, content types, calendar)
    before = counts()
    more_applications(supervision_hall["item"], supervision_hall["staff"], 25)
    build_hall(province["city"])
    assert counts() == before


def test_agency_page_links_a_rating_case_only_for_those_who_may_open_it(
    client, province, supervision_hall, supervision_now
):
    from sunshine.kernel import clock
    from sunshine.kernel.ratings.services import rate
    from sunshine.testing.factories import make_id_number

    c = supervision_hall["c"]  # 办结 Wed 11 Mar; its applicant rates it with a real name
    c.applicant.id_number = make_id_number(7)
    c.applicant.save(update_fields=["id_number"])
    with clock.frozen(dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC)):
        rate(obj=c, rater=c.applicant, level="very_dissatisfied", comment="态度差")
    page = f"{URL}agency/{province['transport'].pk}/{MARCH}"
    client.force_login(staff_with("supervisor", province["office"]))
    html = client.get(page).content.decode()
    links = re.findall(r'href="(/workbench/ratings/\d+/)"', html)
    assert len(links) == 1 and client.get(links[0]).status_code == 200
    # The sysadmin sees 电子监察 but may not open 差评整改 cases: no link to a 404.
    client.force_login(staff_with("sysadmin", province["root"]))
    html = client.get(page).content.decode()
    assert "未整改的差评" in html and "/workbench/ratings/" not in html
    assert client.get(links[0]).status_code == 404
