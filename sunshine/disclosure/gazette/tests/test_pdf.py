"""The typeset PDF of a compiled issue: cover, table of contents with page numbers, each
article, running header and footer, CJK fonts embedded."""

import io

import pytest
from pypdf import PdfReader

from sunshine.disclosure.gazette import services
from sunshine.disclosure.gazette.pdf import render_issue_pdf
from sunshine.disclosure.gazette.tasks import generate_pdf_task

pytestmark = pytest.mark.usefixtures("media")  # stored files go to a temporary MEDIA_ROOT


def _fonts(reader: PdfReader) -> dict[str, set[str]]:
    """BaseFont -> the /FontFile keys of its descriptor, over all pages."""
    found: dict[str, set[str]] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            else:
                descriptor = font["/FontDescriptor"]
            keys = {k for k in descriptor.get_object() if k.startswith("/FontFile")}
            found.setdefault(str(font["/BaseFont"]), set()).update(keys)
    return found


def _compact(text: str) -> str:
    return "".join(text.split())


def test_issue_pdf(gazette_people, gazette_records, gazette_issue, settings):
    gazette_issue.total_number = 1234
    gazette_issue.save()
    for record in gazette_records:
        services.add_record(issue=gazette_issue, record=record, actor=gazette_people["editor"])
    result = generate_pdf_task.call(gazette_issue.pk)
    gazette_issue.refresh_from_db()
    assert gazette_issue.pdf.name.endswith(".pdf") and gazette_issue.pdf_generated_at is not None
    with gazette_issue.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    # cover, contents, one page per article
    assert len(reader.pages) == gazette_issue.pdf_pages == result["pages"] == 4
    pages = [_compact(page.extract_text()) for page in reader.pages]
    assert "广东省人民政府公报" in pages[0]
    assert "2026年第1期（总第1234期）" in pages[0] and "2026年11月10日出版" in pages[0]
    assert "目录" in pages[1] and "省政府办公厅文件" in pages[1]
    # the contents give each article's page
    assert "推进阳光政务建设工作的通知（粤府办〔2026〕1号）" in pages[1]
    assert pages[1].count(".3") == 1 and pages[1].endswith(".4")
    assert "广东省人民政府办公厅关于推进阳光政务建设工作的通知" in pages[2]
    assert "粤府办〔2026〕1号" in pages[2] and "为深入推进阳光政务建设" in pages[2]
    assert "2026年9月30日" in pages[2]  # 成文日期 under the signature
    assert "—3—" in pages[2] and "2026年第1期" in pages[2]  # footer, running header
    assert "印发政务公开工作要点的通知" in pages[3]
    fonts = _fonts(reader)
    cjk = [name for name in fonts if "CJK" in name]
    assert cjk and all(fonts[name] & {"/FontFile2", "/FontFile3"} for name in fonts)


def test_font_is_configurable(gazette_people, gazette_records, gazette_issue, settings):
    settings.GAZETTE_FONT_FAMILY = "Noto Sans CJK SC"
    services.add_record(
        issue=gazette_issue, record=gazette_records[0], actor=gazette_people["editor"]
    )
    reader = PdfReader(io.BytesIO(render_issue_pdf(gazette_issue)))
    assert any("Noto-Sans-CJK-SC" in name for name in _fonts(reader))


def test_withdrawn_record_is_left_out_of_the_pdf(gazette_people, gazette_records, gazette_issue):
    from sunshine.disclosure.records import services as record_services

    for record in gazette_records:
        services.add_record(issue=gazette_issue, record=record, actor=gazette_people["editor"])
    record_services.withdraw(
        record=gazette_records[0], actor=gazette_people["approver"], comment="撤回"
    )
    reader = PdfReader(io.BytesIO(render_issue_pdf(gazette_issue)))
    text = _compact("".join(p.extract_text() for p in reader.pages))
    assert "推进阳光政务" not in text and len(reader.pages) == 3
