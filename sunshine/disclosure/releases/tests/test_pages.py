"""The workbench pages, the applicant's download and the staff API, through the test client."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sunshine.disclosure.foi.choices import Outcome
from sunshine.disclosure.releases import services
from sunshine.disclosure.releases.models import ReleasedFile
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories import CitizenFactory

from .leaks import pdf_leaks
from .samples import SECRET

pytestmark = pytest.mark.django_db
THIRD = Outcome.WITHHELD_THIRD_PARTY


def wb(name, *args):
    return reverse(f"workbench:{name}", args=args)


@pytest.fixture
def pdf_file(foi_request, officer, pdf_bytes):
    return services.upload_source(
        request=foi_request,
        actor=officer,
        uploaded_file=services.uploaded("会议纪要.pdf", pdf_bytes),
    )


def test_officer_uploads_redacts_previews_and_releases(client, officer, foi_request, pdf_bytes):
    client.force_login(officer)
    detail = client.get(wb("foi_detail", foi_request.pk))
    assert "提供的信息（部分公开区分处理）" in detail.content.decode()
    assert wb("foi_files", foi_request.pk) in detail.content.decode()
    # A wrong type keeps the page with the error next to the field.
    bad = client.post(
        wb("foi_files", foi_request.pk),
        {"file": services.uploaded("a.txt", "纯文本".encode()), "title": "我的标题"},
    )
    assert bad.status_code == 422
    assert "只能上传 PDF 或 DOCX" in bad.content.decode()
    assert 'value="我的标题"' in bad.content.decode()
    response = client.post(
        wb("foi_files", foi_request.pk),
        {"file": services.uploaded("会议纪要.pdf", pdf_bytes), "title": ""},
    )
    item = ReleasedFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == wb("foi_file_redact", foi_request.pk, item.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'data-page="2"' in page and "js/foi-redact.js" in page
    assert "<script>" not in page  # no inline script
    image = client.get(wb("foi_file_page", foi_request.pk, item.pk, 1))
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    # Text not in the file: an error, the typed text kept.
    missing = client.post(
        wb("foi_file_add_text", foi_request.pk, item.pk),
        {"text": "并不存在的句子", "ground": THIRD},
    )
    assert missing.status_code == 422
    assert "找不到这段文字" in missing.content.decode()
    assert "并不存在的句子" in missing.content.decode()
    added = client.post(
        wb("foi_file_add_text", foi_request.pk, item.pk),
        {"text": SECRET, "ground": THIRD, "note": "第三方姓名"},
    )
    assert added.status_code == 302
    # The box form works without JavaScript.
    box = client.post(
        wb("foi_file_add_box", foi_request.pk, item.pk),
        {"page": "2", "x0": "40", "y0": "40", "x1": "200", "y1": "80", "ground": THIRD},
    )
    assert box.status_code == 302
    assert item.redactions.count() == 2
    preview = client.get(wb("foi_file_preview", foi_request.pk, item.pk))
    assert preview["Content-Type"] == "application/pdf"
    assert pdf_leaks(preview.content, SECRET) == []
    # Release needs the confirmation box.
    client.post(wb("foi_file_release", foi_request.pk, item.pk))
    item.refresh_from_db()
    assert item.state == "draft"
    client.post(wb("foi_file_release", foi_request.pk, item.pk), {"confirm": "1"})
    item.refresh_from_db()
    assert item.state == "released"
    download = client.get(wb("foi_file_download", foi_request.pk, item.pk))
    data = b"".join(download.streaming_content)
    assert pdf_leaks(data, SECRET) == [] and len(PdfReader(io.BytesIO(data)).pages) == 2
    # Released: no more forms to change it.
    page = client.get(wb("foi_file_redact", foi_request.pk, item.pk)).content.decode()
    assert "foi_file_add_text" not in page and "撤销" not in page


def test_other_agency_gets_404_everywhere(client, outsider, foi_request, pdf_file):
    client.force_login(outsider)
    pk, fpk = foi_request.pk, pdf_file.pk
    for url in (
        wb("foi_files", pk),
        wb("foi_file_redact", pk, fpk),
        wb("foi_file_page", pk, fpk, 1),
        wb("foi_file_preview", pk, fpk),
    ):
        assert client.get(url).status_code == 404, url
    for url in (wb("foi_file_add_text", pk, fpk), wb("foi_file_release", pk, fpk)):
        assert (
            client.post(url, {"text": SECRET, "ground": THIRD, "confirm": "1"}).status_code == 404
        )
    pdf_file.refresh_from_db()
    assert pdf_file.state == "draft" and not pdf_file.redactions.exists()


def test_applicant_downloads_only_released_files_of_own_request(
    client, officer, applicant, foi_request, pdf_file, docx_bytes
):
    draft = services.upload_source(
        request=foi_request,
        actor=officer,
        uploaded_file=services.uploaded("草稿.docx", docx_bytes),
    )
    services.add_text_redaction(released_file=pdf_file, actor=officer, text=SECRET, ground=THIRD)
    services.release_file(released_file=pdf_file, actor=officer)
    my_url = reverse("portal:foi_my_file", args=[foi_request.pk, pdf_file.pk])
    draft_url = reverse("portal:foi_my_file", args=[foi_request.pk, draft.pk])
    assert client.get(my_url).status_code == 302  # sign in first
    client.force_login(applicant)
    page = client.get(reverse("portal:foi_my_detail", args=[foi_request.pk])).content.decode()
    assert my_url in page and draft_url not in page and "会议纪要" in page
    response = client.get(my_url)
    assert response.status_code == 200
    assert pdf_leaks(b"".join(response.streaming_content), SECRET) == []
    assert client.get(draft_url).status_code == 404
    # Someone else's account sees nothing.
    client.force_login(CitizenFactory(email="other@example.com"))
    assert client.get(my_url).status_code == 404
    # Nor does the source ever get a public URL.
    assert not pdf_file.source.url.startswith("/static")


def test_staff_api_lists_files_and_grounds(client, officer, outsider, foi_request, pdf_file):
    services.add_text_redaction(
        released_file=pdf_file, actor=officer, text=SECRET, ground=THIRD, note="姓名"
    )
    services.release_file(released_file=pdf_file, actor=officer)
    _token, key = issue_api_token(actor=officer, name="测试")
    url = f"/api/v1/foi/{foi_request.pk}/released-files"
    assert client.get(url).status_code == 401
    body = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert body["request_id"] == foi_request.pk
    assert body["grounds"] == [{"ground": "保护第三方合法权益", "count": 1}]
    (f,) = body["files"]
    assert f["state"] == "released" and f["sha256"] == pdf_file.__class__.objects.get().sha256
    assert f["redactions"] == [
        {
            "kind": "text",
            "page": None,
            "ground": THIRD,
            "ground_label": "保护第三方合法权益",
            "note": "姓名",
        }
    ]
    assert SECRET not in str(body)
    _token, other_key = issue_api_token(actor=outsider, name="测试")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {other_key}").status_code == 404
