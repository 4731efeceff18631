"""Released files through the services: upload, redact, preview, release, permissions, letter."""

import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from sunshine.disclosure.foi.choices import Outcome
from sunshine.disclosure.foi.letters import letter_content
from sunshine.disclosure.releases import selectors, services
from sunshine.disclosure.releases.models import Redaction, ReleasedFile
from sunshine.kernel.audit.models import AuditEvent

from . import samples
from .leaks import pdf_leaks
from .samples import KEEP, SECRET

pytestmark = pytest.mark.django_db

THIRD = Outcome.WITHHELD_THIRD_PARTY
PROCESS = Outcome.WITHHELD_PROCESS


def upload(foi_request, officer, data, name="答复材料.pdf", title=""):
    return services.upload_source(
        request=foi_request, actor=officer, uploaded_file=services.uploaded(name, data), title=title
    )


def test_upload_sniffs_content_and_keeps_the_source_private(foi_request, officer, pdf_bytes):
    item = upload(foi_request, officer, pdf_bytes)
    assert item.kind == "pdf" and item.pages == 2 and item.state == "draft"
    assert item.title == "答复材料"
    assert item.source.name.startswith("private/foi-releases/source/")
    assert "答复材料" not in item.source.name
    assert item.source_sha256 == hashlib.sha256(pdf_bytes).hexdigest()
    assert AuditEvent.objects.filter(action="foi.release.upload", object_id=str(item.pk)).exists()
    # A DOCX named .pdf is refused (content decides, and the name must agree); text is refused.
    with pytest.raises(ValidationError) as exc:
        upload(foi_request, officer, samples.make_docx(), name="伪装.pdf")
    assert "file" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        upload(foi_request, officer, "纯文本".encode(), name="a.txt")
    assert "只能上传 PDF 或 DOCX" in exc.value.message_dict["file"][0]


def test_text_redaction_must_occur_and_needs_a_ground(foi_request, officer, pdf_bytes):
    item = upload(foi_request, officer, pdf_bytes)
    with pytest.raises(ValidationError) as exc:
        services.add_text_redaction(released_file=item, actor=officer, text="不存在", ground=THIRD)
    assert "找不到" in exc.value.message_dict["text"][0]
    with pytest.raises(ValidationError) as exc:
        services.add_text_redaction(released_file=item, actor=officer, text=SECRET, ground="")
    assert "ground" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_text_redaction(
            released_file=item, actor=officer, text=SECRET, ground=Outcome.DISCLOSED
        )
    assert "ground" in exc.value.message_dict
    r = services.add_text_redaction(released_file=item, actor=officer, text=SECRET, ground=THIRD)
    assert r.occurrences == 6  # 3 a page on 2 pages
    event = AuditEvent.objects.get(action="foi.release.redact")
    assert SECRET not in str(event.data) and SECRET not in event.summary
    with pytest.raises(ValidationError) as exc:
        services.add_text_redaction(released_file=item, actor=officer, text=SECRET, ground=THIRD)
    assert "已经添加过" in exc.value.message_dict["text"][0]


def test_box_redaction_is_checked_and_clipped(foi_request, officer, pdf_bytes):
    item = upload(foi_request, officer, pdf_bytes)
    with pytest.raises(ValidationError) as exc:
        services.add_box_redaction(
            released_file=item, actor=officer, page=3, x0=0, y0=0, x1=10, y1=10, ground=THIRD
        )
    assert "page" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_box_redaction(
            released_file=item, actor=officer, page=1, x0="a", y0=0, x1=10, y1=10, ground=THIRD
        )
    assert "x0" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_box_redaction(
            released_file=item, actor=officer, page=1, x0=700, y0=0, x1=900, y1=10, ground=THIRD
        )
    assert "太小" in exc.value.message_dict["x1"][0]
    r = services.add_box_redaction(
        released_file=item, actor=officer, page=1, x0=300, y0=900, x1=-5, y1=800, ground=PROCESS
    )
    # Sorted and clipped to the A4 page (595.28 × 841.89 points).
    assert (r.x0, r.y0, r.x1, r.y1) == (0.0, 800.0, 300.0, 841.89)


def test_box_is_refused_on_docx(foi_request, officer, docx_bytes):
    item = upload(foi_request, officer, docx_bytes, name="材料.docx")
    assert item.kind == "docx" and item.pages is None
    with pytest.raises(ValidationError, match="不能框选"):
        services.add_box_redaction(
            released_file=item, actor=officer, page=1, x0=0, y0=0, x1=10, y1=10, ground=THIRD
        )


def test_release_pdf_removes_the_secret_and_fixes_the_file(foi_request, officer, pdf_bytes):
    item = upload(foi_request, officer, pdf_bytes)
    services.add_text_redaction(
        released_file=item, actor=officer, text=SECRET, ground=THIRD, note="第三方个人信息"
    )
    preview = services.build_preview(released_file=item, actor=officer)
    assert pdf_leaks(preview, SECRET) == []
    item.refresh_from_db()
    assert item.state == "draft" and not item.released
    item = services.release_file(released_file=item, actor=officer)
    with item.released.open("rb") as fh:
        data = fh.read()
    assert item.sha256 == hashlib.sha256(data).hexdigest() and item.size == len(data)
    assert pdf_leaks(data, SECRET) == []
    assert len(PdfReader(io.BytesIO(data)).pages) == 2
    assert item.released.name.startswith("foi-releases/")
    # A released file cannot be changed.
    for attempt in (
        lambda: services.add_text_redaction(
            released_file=item, actor=officer, text=KEEP, ground=THIRD
        ),
        lambda: services.remove_redaction(redaction=item.redactions.first(), actor=officer),
        lambda: services.release_file(released_file=item, actor=officer),
        lambda: services.discard_draft(released_file=item, actor=officer),
    ):
        with pytest.raises(ValidationError, match="不能再修改"):
            attempt()
    assert item.redactions.count() == 1


def test_release_docx_keeps_the_rest(foi_request, officer, docx_bytes):
    item = upload(foi_request, officer, docx_bytes, name="材料.docx")
    services.add_text_redaction(released_file=item, actor=officer, text=SECRET, ground=THIRD)
    item = services.release_file(released_file=item, actor=officer)
    with item.released.open("rb") as fh:
        parts = samples.docx_texts(fh.read())
    everything = "".join(parts.values())
    assert SECRET not in everything
    assert KEEP in parts["word/document.xml"]


def test_other_agency_and_applicant_cannot_handle(
    foi_request, officer, outsider, applicant, pdf_bytes
):
    with pytest.raises(PermissionDenied):
        upload(foi_request, outsider, pdf_bytes)
    with pytest.raises(PermissionDenied):
        upload(foi_request, applicant, pdf_bytes)
    item = upload(foi_request, officer, pdf_bytes)
    for actor in (outsider, applicant):
        with pytest.raises(PermissionDenied):
            services.add_text_redaction(released_file=item, actor=actor, text=SECRET, ground=THIRD)
        with pytest.raises(PermissionDenied):
            services.release_file(released_file=item, actor=actor)
        with pytest.raises(PermissionDenied):
            services.build_preview(released_file=item, actor=actor)
    assert list(selectors.files_for_staff(outsider, foi_request)) == []
    assert list(selectors.files_for_staff(officer, foi_request)) == [item]


def test_applicant_sees_only_released_files_of_own_request(
    foi_request, officer, applicant, pdf_bytes, docx_bytes
):
    from sunshine.testing.factories import CitizenFactory

    draft = upload(foi_request, officer, pdf_bytes, title="草稿")
    released = services.release_file(
        released_file=upload(foi_request, officer, docx_bytes, name="b.docx"), actor=officer
    )
    assert list(selectors.released_files_for_applicant(applicant, foi_request)) == [released]
    assert draft not in foi_request.released_files.filter(state="released")
    stranger = CitizenFactory(email="stranger@example.com")
    assert list(selectors.released_files_for_applicant(stranger, foi_request)) == []


def test_grounds_and_the_letter_paragraph(foi_request, officer, pdf_bytes, docx_bytes):
    pdf_item = upload(foi_request, officer, pdf_bytes, title="会议纪要")
    services.add_text_redaction(
        released_file=pdf_item, actor=officer, text=SECRET, ground=THIRD, note="第三方姓名"
    )
    services.add_box_redaction(
        released_file=pdf_item, actor=officer, page=2, x0=50, y0=50, x1=200, y1=90, ground=PROCESS
    )
    draft = upload(foi_request, officer, docx_bytes, name="x.docx")
    services.add_text_redaction(released_file=draft, actor=officer, text=KEEP, ground=PROCESS)
    assert selectors.grounds_for(foi_request) == []  # nothing released yet
    services.release_file(released_file=pdf_item, actor=officer)
    # Drafts do not count: one text and one box on the released file.
    assert selectors.grounds_for(foi_request) == [
        ("保护第三方合法权益", 1),
        ("属于四类过程性信息", 1),
    ]
    paragraph = selectors.withheld_paragraph(foi_request)
    assert paragraph == (
        "本机关向您提供的《会议纪要》中，以下内容已作删除处理、不予公开："
        "1处涉及商业秘密、个人隐私等，公开会损害第三方合法权益（保护第三方合法权益），"
        "依据《中华人民共和国政府信息公开条例》第十五条，系第三方姓名；"
        "1处属于过程性信息（属于四类过程性信息），"
        "依据《中华人民共和国政府信息公开条例》第十六条第二款。"
    )
    assert SECRET not in paragraph
    # The 告知书 of a 部分公开 reply carries it, before the closing sentence.
    foi_request.outcome = Outcome.PARTIAL
    foi_request.replied_on = foi_request.received_on
    content = letter_content(foi_request)
    assert content.paragraphs[-2] == paragraph
    assert content.paragraphs[-1].startswith("根据")


def test_discard_and_remove(foi_request, officer, pdf_bytes):
    item = upload(foi_request, officer, pdf_bytes)
    r = services.add_text_redaction(released_file=item, actor=officer, text=KEEP, ground=THIRD)
    services.remove_redaction(redaction=r, actor=officer)
    assert not Redaction.objects.filter(pk=r.pk).exists()
    services.discard_draft(released_file=item, actor=officer)
    assert not ReleasedFile.objects.filter(pk=item.pk).exists()
