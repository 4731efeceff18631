"""Uploading attachments to a draft: checked by content, a bad file gets a clear error next to
the field and the record is kept; staff download them under the original name."""

import pytest
from django.urls import reverse

from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.files.testing import make_docx, make_pdf, upload
from sunshine.testing.factories.records import draft, record_in

pytestmark = pytest.mark.django_db


def attach_url(record):
    return reverse("workbench:records_attach", args=[record.pk])


def test_upload_list_and_download(client, people, media):
    record = draft(people)
    client.force_login(people["drafter"])
    response = client.post(
        attach_url(record), {"file": upload("实施方案.pdf", make_pdf([["方案"]]))}
    )
    assert response.status_code == 302
    client.post(attach_url(record), {"file": upload("名单.docx", make_docx(["名单"]))})
    files = list(attachments_for(record))
    assert [f.original_name for f in files] == ["实施方案.pdf", "名单.docx"]
    html = client.get(reverse("workbench:records_detail", args=[record.pk])).content.decode()
    assert "实施方案.pdf" in html and "名单.docx" in html and "已上传附件：实施方案.pdf" in html
    download = client.get(reverse("workbench:records_file", args=[record.pk, files[0].pk]))
    assert download["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E5%AE%9E%E6%96%BD%E6%96%B9%E6%A1%88.pdf"
    )
    client.force_login(people["other_drafter"])
    assert (
        client.get(reverse("workbench:records_file", args=[record.pk, files[0].pk])).status_code
        == 404
    )


def test_a_bad_file_is_refused_with_a_clear_error_and_the_record_is_kept(client, people, media):
    record = draft(people, title="保留的草稿")
    client.force_login(people["drafter"])
    response = client.post(
        attach_url(record), {"file": upload("方案.pdf", b"PK\x03\x04 not a pdf")}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_file_error"' in html and "保留的草稿" in html
    assert not attachments_for(record).exists()
    response = client.post(attach_url(record), {"file": upload("病毒.exe", b"MZ\x90\x00" * 10)})
    assert "不支持的文件类型" in response.content.decode()
    response = client.post(attach_url(record), {})
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.title == "保留的草稿"


def test_only_drafters_attach_and_only_to_drafts(client, people, media):
    record = draft(people)
    client.force_login(people["reviewer"])
    assert (
        client.post(attach_url(record), {"file": upload("a.txt", "正文".encode())}).status_code
        == 403
    )
    published = record_in("published", people, title="已发布")
    client.force_login(people["drafter"])
    response = client.post(
        attach_url(published), {"file": upload("a.txt", "正文".encode())}, follow=True
    )
    assert "只能给草稿添加附件" in response.content.decode()
    assert not attachments_for(published).exists()
