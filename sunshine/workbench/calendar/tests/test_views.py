import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.workcalendar import calendar as wc
from sunshine.kernel.workcalendar.models import CalendarYear
from sunshine.testing.factories import CitizenFactory, staff_with

pytestmark = pytest.mark.django_db
URL = "/workbench/calendar/"


@pytest.fixture
def admin_client(client, province):
    client.force_login(staff_with("sysadmin", province["root"]))
    return client


def test_staff_see_the_years_but_no_edit_forms(client, province):
    client.force_login(staff_with("drafter", province["transport"]))
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "2026" in html and "2027" in html and "未加载" in html
    assert "导入年度节假日安排" not in html
    assert client.post(URL + "days/", {"date": "2026-09-29", "kind": "off"}).status_code == 403


def test_anonymous_and_citizens_are_kept_out(client):
    assert client.get(URL).status_code == 302
    client.force_login(CitizenFactory())
    assert client.get(URL).status_code == 403


def test_unloaded_year_page_lists_the_assumed_statutory_holidays(admin_client):
    html = admin_client.get(URL + "2027/").content.decode()
    assert "推定的法定节假日" in html and "暂定" in html
    # 除夕 2027-02-05 (腊月廿九: 腊月 of 2026 has 29 days), 中秋 2027-09-15
    assert "2027-02-05" in html and "2027-09-15" in html and "国庆节" in html
    assert "推定的法定节假日" not in admin_client.get(URL + "2026/").content.decode()


def test_year_page_lists_its_days(admin_client):
    html = admin_client.get(URL + "2019/").content.decode()
    assert "2018-12-29" in html  # set by the 2019 notice
    assert "调休上班" in html
    assert admin_client.get(URL + "1999/").status_code == 404


def test_working_day_calculator(admin_client):
    html = admin_client.get(URL, {"start": "2026-09-30", "n": "5"}).content.decode()
    assert "2026-10-13" in html
    # 12-31 (1), 2027-01-01 元旦 off (statutory), 01-04 (2), 01-05 (3)
    html = admin_client.get(URL, {"start": "2026-12-30", "n": "3"}).content.decode()
    assert "2027-01-05" in html and "暂定" in html and "已计入法定节假日" in html
    assert "12月29日至31日" in html
    html = admin_client.get(URL, {"start": "2006-01-04", "n": "3"}).content.decode()
    assert "早于工作日历的起始日期" in html


def test_import_upload(admin_client):
    body = {
        "year": 2027,
        "papers": [],
        "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}],
    }
    upload = SimpleUploadedFile("2027.json", json.dumps(body).encode(), "application/json")
    response = admin_client.post(URL + "import/", {"file": upload})
    assert response.status_code == 302 and response.url == URL + "2027/"
    assert CalendarYear.objects.get(year=2027).loaded is True

    bad = SimpleUploadedFile("bad.json", b'{"year": 2028, "days": [{"date": "x"}]}')
    response = admin_client.post(URL + "import/", {"file": bad})
    assert response.status_code == 400
    assert "日期无效" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2028).exists()


def test_add_and_delete_a_day(admin_client):
    response = admin_client.post(
        URL + "days/", {"date": "2026-09-29", "kind": "off", "name": "临时", "back_year": "2026"}
    )
    assert response.status_code == 302
    assert wc.is_workday(dt.date(2026, 9, 29)) is False
    response = admin_client.post(URL + "days/2026-09-29/delete/")
    assert response.status_code == 302 and response.url == URL + "2026/"
    assert wc.is_workday(dt.date(2026, 9, 29)) is True
    assert AuditEvent.objects.filter(action__startswith="calendar.day").count() == 2
    bad = admin_client.post(
        URL + "days/", {"date": "2005-01-01", "kind": "off", "back_year": "2026"}
    )
    assert bad.status_code == 400 and "早于" in bad.content.decode()


def test_mark_year_loaded(admin_client):
    admin_client.post(URL + "2027/loaded/", {"loaded": "1"})
    assert CalendarYear.objects.get(year=2027).loaded is True
