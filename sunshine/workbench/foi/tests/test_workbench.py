"""The FOI workbench: queue with deadline colours (bounded queries), actions through the
services (补正, extension with approval, reply + letters), permissions by agency, annual
tables page and exports."""

import datetime as dt
import io

import pytest

from sunshine.disclosure.foi import services
from sunshine.disclosure.foi.choices import ApplicantType, DeliveryForm
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import make_id_number, staff_with

D = dt.date
pytestmark = pytest.mark.django_db


def make(transport, officer, n=1, day=None):
    day = day or clock.today()
    with clock.frozen(day):
        return services.receive_request(
            actor=officer,
            agency=transport,
            channel="post",
            received_on=day,
            applicant_type=ApplicantType.NATURAL_PERSON,
            applicant_name=f"申请人{n}",
            id_number=make_id_number(n),
            phone="13800138000",
            email="a@example.com",
            description="全省公路养护资金安排情况",
            delivery_form=DeliveryForm.EMAIL,
        )


def test_queue_colours_and_query_count(client, transport, officer, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    overdue = make(transport, officer, 1, day=clock.today() - dt.timedelta(days=60))
    client.force_login(officer)
    client.get("/workbench/foi/")  # warm the session and the calendar snapshot
    with CaptureQueriesContext(connection) as one_row:
        client.get("/workbench/foi/")
    for n in range(2, 12):
        make(transport, officer, n)
    with django_assert_max_num_queries(len(one_row)):  # no query per row
        response = client.get("/workbench/foi/")
    page = response.content.decode()
    assert overdue.number in page and "已逾期" in page
    assert page.count("urgency-on_time") == 10 and page.count("urgency-overdue") == 1


def test_registration_refused_keeps_text(client, transport, officer):
    client.force_login(officer)
    data = {
        "agency": transport.pk,
        "channel": "post",
        "received_on": "2026-01-05",
        "applicant_type": "natural_person",
        "applicant_name": "钱二",
        "id_number": "123",
        "phone": "13800138000",
        "description": "请保留：某文件",
        "delivery_form": "paper",
    }
    response = client.post("/workbench/foi/new/", data)
    assert "请保留：某文件" in response.content.decode()
    assert not InfoRequest.objects.exists()
    data["id_number"] = make_id_number(3)
    response = client.post("/workbench/foi/new/", data)
    request = InfoRequest.objects.get()
    assert response.status_code == 302 and request.received_on == D(2026, 1, 5)


def test_actions_extension_needs_approver_and_reply_makes_letters(
    client, transport, officer, approver
):
    request = make(transport, officer)
    client.force_login(officer)
    url = f"/workbench/foi/{request.pk}/do/"
    page = client.get(f"/workbench/foi/{request.pk}/").content.decode()
    assert "主任陈" in page  # the approver is offered
    response = client.post(url + "extend/", {"approver": approver.pk, "days": 25, "reason": "x"})
    assert response.status_code == 422
    response = client.post(
        url + "extend/", {"approver": approver.pk, "days": 10, "reason": "需协调"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.extension_days == 10
    response = client.post(url + "correction/", {"items": "请写明文号"})
    assert response.status_code == 302
    response = client.post(url + "reply/", {"outcome": "disclosed"})
    assert response.status_code == 422 and "只能以" in response.content.decode()
    client.post(url + "supply/", {"text": "文号为某某"})
    response = client.post(url + "reply/", {"outcome": "partial", "reasons": "部分涉及个人信息。"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.outcome == "partial" and request.letter_pdf and request.letter_docx
    response = client.get(f"/workbench/foi/{request.pk}/letter.docx")
    assert response.status_code == 200


def test_permissions_by_agency(client, transport, officer, province):
    request = make(transport, officer)
    drafter = staff_with(Role.DRAFTER, transport)
    client.force_login(drafter)
    assert client.get("/workbench/foi/").status_code == 403
    other = staff_with(Role.DISCLOSURE_OFFICER, province["city"])
    client.force_login(other)
    assert client.get(f"/workbench/foi/{request.pk}/").status_code == 404
    approver = staff_with(Role.APPROVER, transport)
    client.force_login(approver)
    assert client.get(f"/workbench/foi/{request.pk}/").status_code == 200
    response = client.post(f"/workbench/foi/{request.pk}/do/reply/", {"outcome": "disclosed"})
    assert response.status_code == 403


def test_annual_page_and_exports(client, transport, officer):
    make(transport, officer, day=D(2026, 3, 2))
    client.force_login(officer)
    page = client.get(f"/workbench/foi/annual/?agency={transport.pk}&year=2026").content.decode()
    assert "本年新收" in page and "结转下年度继续办理" in page and "复议后起诉" in page
    response = client.get(f"/workbench/foi/annual.csv?agency={transport.pk}&year=2026")
    text = response.content.decode("utf-8-sig")
    assert "一、本年新收政府信息公开申请数量,1,0,0,0,0,0,1" in text
    response = client.get(f"/workbench/foi/annual.xlsx?agency={transport.pk}&year=2026")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A3"].value.startswith("一、本年新收") and sheet["H3"].value == 1


def test_staff_api(client, transport, officer):
    from sunshine.kernel.accounts.services import issue_api_token

    request = make(transport, officer)
    _token, key = issue_api_token(actor=officer, name="test")
    headers = {"Authorization": f"Bearer {key}"}
    body = client.get("/api/v1/foi/requests?state=open", headers=headers).json()
    assert body["count"] == 1 and body["items"][0]["number"] == request.number
    response = client.post(
        f"/api/v1/foi/requests/{request.pk}/reply",
        {"outcome": "bogus"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    response = client.post(
        f"/api/v1/foi/requests/{request.pk}/reply",
        {"outcome": "disclosed"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["state"] == "replied"
    assert client.get("/api/v1/foi/requests").status_code == 401


def test_register_tab_only_for_those_who_may_register(client, transport, officer, approver):
    """QA: staff who may view but not register (the approver; the 办公厅 supervisor) got a
    登记申请 tab that led to a 403."""
    request = make(transport, officer)
    client.force_login(approver)
    assert client.get("/workbench/foi/new/").status_code == 403
    for url in ("/workbench/foi/", f"/workbench/foi/{request.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'href="/workbench/foi/new/"' not in response.content.decode()
    client.force_login(officer)
    for url in ("/workbench/foi/", f"/workbench/foi/{request.pk}/", "/workbench/foi/annual/"):
        assert 'href="/workbench/foi/new/"' in client.get(url).content.decode()


def test_supplement_restarts_and_early_closing_is_refused_on_the_page(client, transport, officer):
    # Received Mon 03-02, 补正 notice 03-09 (15 wd to supply → 03-30), corrected letter received
    # Mon 03-16, registered 03-18: reply due 04-14 (03-17..20, 03-23..27, 03-30..04-03,
    # 清明 04-04..06 off, 04-07..10, 04-13, 04-14 = 20 wd).
    item = make(transport, officer, day=D(2026, 3, 2))
    client.force_login(officer)
    base = f"/workbench/foi/{item.pk}/"
    with clock.frozen(D(2026, 3, 9)):
        assert client.post(f"{base}do/correction/", {"items": "请写明文号"}).status_code == 302
    with clock.frozen(D(2026, 3, 20)):
        response = client.post(f"{base}do/reply/", {"outcome": "other_no_correction"})
        assert response.status_code == 422
        assert "2026-03-30" in response.content.decode()
    with clock.frozen(D(2026, 3, 18)):
        response = client.post(
            f"{base}do/supply/", {"text": "文号为粤交规〔2025〕3号", "received_on": "2026-03-16"}
        )
        assert response.status_code == 302
        page = client.get(base).content.decode()
    assert "2026-04-14" in page and "重新计算" in page


def test_fee_notice_by_post_waits_for_the_receipt(client, transport, officer):
    item = make(transport, officer, day=D(2026, 6, 1))
    InfoRequest.objects.filter(pk=item.pk).update(items_this_month=11)
    client.force_login(officer)
    base = f"/workbench/foi/{item.pk}/"
    with clock.frozen(D(2026, 6, 3)):
        assert client.post(f"{base}do/fee/", {"method": "by_count"}).status_code == 302
        assert "缴费期限尚未起算" in client.get(base).content.decode()
    with clock.frozen(D(2026, 6, 8)):
        response = client.post(f"{base}do/fee_received/", {"received_on": "2026-06-05"})
        assert response.status_code == 302
        page = client.get(base).content.decode()
    # 20 wd from Fri 06-05: 06-08..12 (5), 06-15..18 (9), 端午 06-19 off, 06-22..26 (14),
    # 06-29..07-03 (19), 07-06 (20).
    assert "2026-07-06" in page


def test_silent_third_party_is_shown_lapsed_and_referral_reply(
    client, transport, officer, province
):
    item = make(transport, officer, day=D(2026, 9, 28))
    client.force_login(officer)
    base = f"/workbench/foi/{item.pk}/"
    with clock.frozen(D(2026, 9, 30)):
        client.post(f"{base}do/third_party/", {"third_party": "某路桥公司"})
    with clock.frozen(D(2026, 10, 28)):  # the 15 wd ended on 10-27; no job has run
        page = client.get(base).content.decode()
        assert "已自动恢复计时" in page and "2026-11-20" in page
        response = client.post(f"{base}do/reply/", {"outcome": "unavailable_other_agency"})
        assert response.status_code == 422
        assert "请填写负责公开的机关" in response.content.decode()
        response = client.post(
            f"{base}do/reply/",
            {
                "outcome": "unavailable_other_agency",
                "referred_agency": province["city"].pk,
                "referred_agency_contact": "020-12345678",
            },
        )
        assert response.status_code == 302
    item.refresh_from_db()
    assert item.referred_agency_name == "广州市人民政府" and item.letter_pdf
