"""Attachments of records on the portal: listed and served only when their record is public,
under the original (Chinese) name."""

import pytest
from django.urls import reverse

from sunshine.disclosure.records import services
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.files.testing import make_pdf, make_xlsx, upload
from sunshine.testing.factories.records import record_in

from ..views import content_disposition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def attach(record, people, name="关于印发实施方案的通知.pdf", data=None):
    return store_attachment(
        owner=record,
        uploaded_file=upload(name, data or make_pdf([["附件正文"]])),
        actor=people["drafter"],
        extract="no",
    )


def file_url(record, attachment) -> str:
    return reverse("portal:records_file", args=[record.pk, attachment.pk])


def test_a_public_record_lists_and_serves_its_attachments(client, people):
    record = record_in("published", people)
    pdf = attach(record, people)
    sheet = attach(record, people, "统计表.xlsx", make_xlsx([["地区", "数量"], ["广州", 3]]))
    html = client.get(reverse("portal:records_detail", args=[record.pk])).content.decode()
    assert "关于印发实施方案的通知.pdf" in html and file_url(record, pdf) in html
    assert "统计表.xlsx" in html
    response = client.get(file_url(record, pdf))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''"
        "%E5%85%B3%E4%BA%8E%E5%8D%B0%E5%8F%91%E5%AE%9E%E6%96%BD%E6%96%B9%E6%A1%88"
        "%E7%9A%84%E9%80%9A%E7%9F%A5.pdf"
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(file_url(record, sheet))["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_attachments_of_non_public_records_are_not_served(client, people):
    for state, mode in [
        ("draft", "proactive"),
        ("signed_off", "proactive"),
        ("scheduled", "proactive"),
        ("withdrawn", "proactive"),
        ("filed", "on_request"),
        ("filed", "withheld"),
    ]:
        record = record_in(state, people, mode=mode, title=f"{state}-{mode}")
        attachment = attach(record, people)
        assert client.get(file_url(record, attachment)).status_code == 404, (state, mode)


def test_withdrawing_a_record_stops_its_files(client, people):
    record = record_in("published", people)
    attachment = attach(record, people)
    assert client.get(file_url(record, attachment)).status_code == 200
    services.withdraw(record=record, actor=people["approver"], comment="撤回")
    assert client.get(file_url(record, attachment)).status_code == 404


def test_an_attachment_is_served_only_under_its_own_record(client, people):
    public = record_in("published", people, title="公开文件")
    hidden = record_in("draft", people, title="草稿")
    secret = attach(hidden, people)
    assert client.get(file_url(public, secret)).status_code == 404


def test_content_disposition_names():
    assert content_disposition("report.pdf") == 'attachment; filename="report.pdf"'
    assert content_disposition('a"b.pdf') == (
        "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf"
    )
    assert content_disposition("附件1 名单.xlsx").startswith(
        "attachment; filename=\"1.xlsx\"; filename*=UTF-8''%E9%99%84"
    )
