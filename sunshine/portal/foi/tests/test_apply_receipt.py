"""The online FOI form's fee estimate (inside the form: 估算费用 re-renders the form with all that
was typed, no application is made) and the receipt after submitting (number, the reply clock's
legal date, steps, what happens next, the PDF)."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel import clock
from sunshine.kernel.workcalendar.services import load_bundled_calendar
from sunshine.testing.factories.foi import online_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _holidays(db):
    """The 2026 holiday notice. The data migration loads it, but a live-server (browser) test
    run earlier in the same process flushes every table at its end."""
    load_bundled_calendar()


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_estimate_keeps_everything_typed_and_submits_nothing(client, citizen, transport):
    client.force_login(citizen)
    typed = online_form(
        description="保留这段文字：港口规划资料", address="广州市越秀区", pages="101"
    )
    response = client.post(f"/ysqgk/{transport.pk}/apply/", {**typed, "estimate": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert not InfoRequest.objects.exists()
    assert "保留这段文字：港口规划资料" in page and 'value="广州市越秀区"' in page
    assert 'value="101"' in page
    assert re.search(r'value="email"[^>]*checked', page)  # the radio choice survives too
    # 1st application of the month: free by count; 101 pages: 70 × 10 + 1 × 20 = 720 元.
    assert 'data-out="by_count">0<' in page and 'data-out="by_volume">720<' in page
    assert "提交的信息有误" not in page  # estimating is not a refused submission


def test_estimate_uses_the_servers_count_of_the_month(client, citizen, transport):
    client.force_login(citizen)
    with clock.frozen(dt.date(2026, 6, 10)):
        for _n in range(10):
            client.post(f"/ysqgk/{transport.pk}/apply/", online_form())
        assert InfoRequest.objects.count() == 10
        page = client.post(
            f"/ysqgk/{transport.pk}/apply/", {**online_form(), "estimate": "1", "pages": ""}
        ).content.decode()
    # 国办函〔2020〕109号 Art. 4: the 11th application of a month costs 100 元.
    assert 'data-out="items_this_month">11<' in page and 'data-out="by_count">100<' in page
    with clock.frozen(dt.date(2026, 7, 1)):  # a new month starts the count again
        page = client.get(f"/ysqgk/{transport.pk}/apply/").content.decode()
    assert 'data-out="items_this_month">1<' in page


def test_estimate_refuses_bad_pages_and_keeps_the_text(client, citizen, transport):
    client.force_login(citizen)
    typed = online_form(description="保留：航道图", pages="很多")
    page = client.post(f"/ysqgk/{transport.pk}/apply/", {**typed, "estimate": "1"}).content.decode()
    assert "页数应为整数" in page and "保留：航道图" in page
    assert not InfoRequest.objects.exists()


def test_submit_leads_to_the_receipt_with_the_clocks_reply_date(client, citizen, transport):
    client.force_login(citizen)
    # Received online on Wed 2026-09-30 (Art. 31). Counting from 10-01 (国庆 10-01..07 off):
    # 10-08, 10-09, Sat 10-10 (调休, a working day) = 3; 10-12..16 = 8; 10-19..23 = 13;
    # 10-26..30 = 18; 11-02 = 19, 11-03 = 20 → reply due 2026-11-03 (条例 Art. 33).
    with clock.frozen(dt.datetime(2026, 9, 30, 22, 30)):
        response = client.post(f"/ysqgk/{transport.pk}/apply/", online_form(pages="40"))
        request = InfoRequest.objects.get()
        assert response["Location"] == f"/ysqgk/my/{request.pk}/receipt/"
        page = client.get(response["Location"]).content.decode()
    assert request.number in page and "广东省交通运输厅" in page
    assert "2026年11月3日" in page and "2026年9月30日" in page
    assert 'aria-current="step"' in page and "接下来会发生什么" in page
    assert f"/ysqgk/my/{request.pk}/receipt.pdf" in page


def test_receipt_pdf_has_the_number_and_date_and_is_the_owners_only(client, citizen, transport):
    from sunshine.testing.factories import CitizenFactory

    client.force_login(citizen)
    with clock.frozen(dt.date(2026, 9, 30)):
        client.post(f"/ysqgk/{transport.pk}/apply/", online_form())
        request = InfoRequest.objects.get()
        response = client.get(f"/ysqgk/my/{request.pk}/receipt.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _text(response.content)
    assert request.number in text and "2026年11月3日" in text and "政府信息公开申请回执" in text
    client.force_login(CitizenFactory())
    assert client.get(f"/ysqgk/my/{request.pk}/receipt/").status_code == 404
    assert client.get(f"/ysqgk/my/{request.pk}/receipt.pdf").status_code == 404
    client.logout()
    assert client.get(f"/ysqgk/my/{request.pk}/receipt.pdf").status_code == 302
