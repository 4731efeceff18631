"""The kernel redaction engine on real files: the secret is gone in every form, the rest stays."""

import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from sunshine.kernel.redaction import Box, RedactionError
from sunshine.kernel.redaction import docx as docx_engine
from sunshine.kernel.redaction import pdf as pdf_engine

from . import samples
from .leaks import pdf_leaks
from .samples import COMMENT_ONLY, DELETED_ONLY, HIDDEN_ONLY, INSERTED, KEEP, SECRET


def test_source_pdf_holds_the_secret_everywhere(pdf_bytes):
    """The sample is a fair test: the leak detector finds the secret in the source."""
    leaks = pdf_leaks(pdf_bytes, SECRET)
    assert "text of page 1" in leaks
    assert "info dictionary" in leaks
    assert "XMP packet present" in leaks
    assert any(leak.startswith("raw bytes") for leak in leaks)  # attachment, JS, annotation
    assert pdf_bytes.count(b"%%EOF") == 2  # an incremental revision


def test_find_text_in_pdf_including_a_wrapped_line(pdf_bytes):
    boxes = pdf_engine.find_text(pdf_bytes, SECRET)
    # Per page: one in the first paragraph, one in the second, one wrapped over two lines.
    assert sorted({b.page for b in boxes}) == [1, 2]
    page1 = [b for b in boxes if b.page == 1]
    assert len(page1) == 4  # 3 occurrences, the wrapped one in two boxes
    for b in page1:
        assert 0 < b.x0 < b.x1 < 596 and 0 < b.y0 < b.y1 < 842
    # White space and case do not matter; a text that is not there gives nothing.
    assert pdf_engine.find_text(pdf_bytes, "张三 丰秘密", page=2)
    assert pdf_engine.find_text(pdf_bytes, "不存在的文字") == []


def test_redacted_pdf_has_no_trace_of_the_secret(pdf_bytes):
    boxes = pdf_engine.find_text(pdf_bytes, SECRET)
    out = pdf_engine.redact_pdf(pdf_bytes, boxes)
    assert pdf_leaks(out, SECRET) == []
    reader = PdfReader(io.BytesIO(out))
    source = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) == len(source.pages) == 2
    for page, original in zip(reader.pages, source.pages, strict=True):
        assert abs(float(page.mediabox.width) - float(original.cropbox.width)) < 0.5
        assert abs(float(page.mediabox.height) - float(original.cropbox.height)) < 0.5
        assert (page.extract_text() or "").strip() == ""
        assert "/Annots" not in page and "/Font" not in str(page["/Resources"])
    # The objects outside the image streams (random JPEG bytes could hold any short marker).
    objects = re.sub(rb"stream\n.*?\nendstream", b"", out, flags=re.S)
    for marker in (
        b"/Info",
        b"/Metadata",
        b"/EmbeddedFiles",
        b"/JavaScript",
        b"/JS",
        b"/AcroForm",
        b"/Outlines",
        b"/OpenAction",
        b"/Producer",
        b"/Author",
        b"/Font",
        b"/Annots",
        b"/Prev",
        b"/ID",
    ):
        assert marker not in objects, marker
    assert out.count(b"%%EOF") == 1 and out.count(b"\nxref\n") == 1  # no earlier revision
    assert reader.metadata is None


def test_redaction_boxes_are_black_in_the_released_pixels(pdf_bytes):
    from PIL import Image

    box = Box(1, 100, 200, 300, 260)
    out = pdf_engine.redact_pdf(pdf_bytes, [box], dpi=72)
    page = PdfReader(io.BytesIO(out)).pages[0]
    image = next(iter(page.images)).image.convert("L")
    assert isinstance(image, Image.Image)
    inside = image.crop((105, 205, 295, 255))
    assert inside.getextrema()[1] < 40  # solid black (JPEG noise aside)
    outside = image.crop((400, 700, 500, 800))
    assert outside.getextrema()[0] > 200  # untouched white paper


def test_ocr_of_the_released_page_reads_the_kept_text_not_the_secret(pdf_bytes):
    """The strongest extraction: read the released pixels back with OCR."""
    from sunshine.disclosure.gazette.pagetext import ocr_lines

    out = pdf_engine.redact_pdf(pdf_bytes, pdf_engine.find_text(pdf_bytes, SECRET, page=1))
    page = PdfReader(io.BytesIO(out)).pages[0]
    text, _confidence = ocr_lines(next(iter(page.images)).image)
    flat = "".join(text.split())
    assert "本段可以公开" in flat  # the OCR reads the page
    for part in (SECRET, "三丰秘", "丰秘密"):
        assert part not in flat


def test_limits_and_damage_are_refused(settings, pdf_bytes):
    settings.REDACTION_MAX_PAGES = 1
    with pytest.raises(RedactionError, match="超过了 1 页"):
        pdf_engine.find_text(pdf_bytes, SECRET)
    settings.REDACTION_MAX_PAGES = 500
    settings.REDACTION_MAX_BYTES = 1000
    with pytest.raises(RedactionError, match="文件过大"):
        pdf_engine.page_sizes(pdf_bytes)
    settings.REDACTION_MAX_BYTES = 50 * 1024 * 1024
    with pytest.raises(RedactionError, match="损坏"):
        pdf_engine.page_sizes(b"%PDF-1.7\n garbage")
    with pytest.raises(RedactionError, match="页码 3 不存在"):
        pdf_engine.redact_pdf(pdf_bytes, [Box(3, 0, 0, 10, 10)])


def test_encrypted_pdf_is_refused(pdf_bytes):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(samples.make_pdf(pages=1, extras=False))))
    writer.encrypt(user_password="user", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(RedactionError, match="加密"):
        pdf_engine.page_sizes(buf.getvalue())


# --- DOCX -----------------------------------------------------------------------------------


def _all_parts(data: bytes) -> dict[str, str]:
    return samples.docx_texts(data)


def test_source_docx_holds_the_secret_everywhere(docx_bytes):
    parts = _all_parts(docx_bytes)
    where = {name for name, text in parts.items() if SECRET in text}
    assert {
        "word/document.xml",
        "word/header1.xml",
        "word/comments.xml",
        "docProps/core.xml",
        "docProps/custom.xml",
        "customXml/item1.xml",
    } <= where
    assert docx_engine.count_text(docx_bytes, SECRET) >= 10


def test_redacted_docx_has_no_trace_of_the_secret(docx_bytes):
    import docx

    out = docx_engine.redact_docx(docx_bytes, [SECRET])
    for name, text in _all_parts(out).items():
        for gone in (
            SECRET,
            COMMENT_ONLY,
            DELETED_ONLY,
            HIDDEN_ONLY,
            "rsid",
            "w:del ",
            "w:vanish",
            "commentReference",
        ):
            assert gone not in text, (name, gone)
        # Also in the UTF-16 forms a binary part could hold.
        assert SECRET.encode("utf-16-le").decode("latin-1") not in text
    names = set(zipfile.ZipFile(io.BytesIO(out)).namelist())
    assert not {n for n in names if n.startswith(("docProps/", "customXml/", "word/comments"))}
    # The document still opens and keeps everything not redacted.
    document = docx.Document(io.BytesIO(out))
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"申请人{'■' * len(SECRET)}的住址在广州。{KEEP}。" in body
    assert INSERTED in body  # a tracked insertion is accepted
    assert "可见文字。" in body
    assert document.tables[0].cell(0, 1).text == "■" * len(SECRET)
    assert document.sections[0].header.paragraphs[0].text == "抄送：" + "■" * len(SECRET)
    assert document.core_properties.author == ""
    assert docx_engine.count_text(out, SECRET) == 0


def test_docx_cleaned_even_without_redactions(docx_bytes):
    out = docx_engine.redact_docx(docx_bytes, [])
    text = "".join(_all_parts(out).values())
    for gone in (COMMENT_ONLY, DELETED_ONLY, HIDDEN_ONLY):
        assert gone not in text
    assert KEEP in text and SECRET in text


def _repack(data: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: src.read(n) for n in src.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_macro_enabled_encrypted_and_bombs_are_refused(docx_bytes, settings):
    def macros(parts):
        parts["word/vbaProject.bin"] = b"\x00" * 10

    with pytest.raises(RedactionError, match="含宏"):
        docx_engine.check_docx(_repack(docx_bytes, macros))
    with pytest.raises(RedactionError, match="加密"):
        docx_engine.check_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)

    # Zip bombs: the platform's limits (FILE_EXTRACT_LIMITS, kernel/files/safe_extract).
    def bomb(parts):
        parts["word/media/zeros.bin"] = b"\x00" * (20 * 1024 * 1024)

    with pytest.raises(RedactionError, match="文件过大，无法处理：部件“word/media/zeros.bin”"):
        docx_engine.check_docx(_repack(docx_bytes, bomb))
    settings.FILE_EXTRACT_LIMITS = {"max_unpacked_bytes": 10_000}
    with pytest.raises(RedactionError, match=r"文件过大，无法处理：解压后共 .*超过上限 9.8\sKB"):
        docx_engine.check_docx(docx_bytes)
    settings.FILE_EXTRACT_LIMITS = {}
    with pytest.raises(RedactionError, match="损坏"):
        docx_engine.check_docx(b"PK\x03\x04 not a zip")
