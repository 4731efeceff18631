"""The redaction engines run in the bounded worker of kernel/files/safe_extract (issue 12.1):
real bombs built here (a DOCX of millions of tiny paragraphs, a PDF page of absurd size, a PDF
content stream that inflates) are refused with a message for staff naming the limit, in
bounded time, and this process's memory does not grow; the limits are FILE_EXTRACT_LIMITS
(no second copy); good files still redact; the worker writes the redacted file back."""

import io
import resource
import time
import zipfile

import pytest
from pypdf import PdfReader

from sunshine.kernel.files.testing import (
    make_docx,
    make_docx_bomb,
    make_pdf,
    make_pdf_stream_bomb,
)
from sunshine.kernel.redaction import RedactionError
from sunshine.kernel.redaction import docx as docx_redaction
from sunshine.kernel.redaction import pdf as pdf_redaction

MB = 1024 * 1024
NO_ZIP_CHECKS = {"max_unpacked_bytes": 1 << 40, "max_ratio": 10**9, "max_elements": 10**12}
SECRET = "张三丰"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return make_docx_bomb(300 * MB)  # under 1 MB; ~9 million elements unpacked


def test_docx_bomb_is_refused_before_the_worker_opens_it(docx_bomb):
    before, started = _peak_mb(), time.monotonic()
    for attempt in (
        lambda: docx_redaction.check_docx(docx_bomb),
        lambda: docx_redaction.count_text(docx_bomb, SECRET),
        lambda: docx_redaction.redact_docx(docx_bomb, [SECRET]),
    ):
        with pytest.raises(RedactionError) as caught:
            attempt()
        assert (
            str(caught.value) == "文件过大，无法处理：解压后共 300.0\xa0MB，超过上限 200.0\xa0MB。"
        )
    assert time.monotonic() - started < 10
    assert _peak_mb() - before < 50


def test_docx_elements_and_worker_memory_hold_without_the_zip_checks(settings, docx_bomb):
    settings.FILE_EXTRACT_LIMITS = {"max_ratio": 10**9, "max_elements": 100_000}
    with pytest.raises(RedactionError, match="文件过大，无法处理：文档的 XML 元素超过 100000 个"):
        docx_redaction.check_docx(make_docx_bomb(30 * MB))
    # Every zip check off: the worker's address-space limit is what stops lxml.
    settings.FILE_EXTRACT_LIMITS = dict(NO_ZIP_CHECKS, memory_mb=400)
    before, started = _peak_mb(), time.monotonic()
    with pytest.raises(RedactionError, match="读取所需内存超过上限 400 MB"):
        docx_redaction.redact_docx(docx_bomb, [SECRET])
    assert time.monotonic() - started < 60
    assert _peak_mb() - before < 50


def test_worker_is_killed_past_the_wall_time(settings, docx_bomb):
    settings.FILE_EXTRACT_LIMITS = dict(NO_ZIP_CHECKS, wall_seconds=1)
    started = time.monotonic()
    with pytest.raises(RedactionError, match="读取时间超过上限 1 秒"):
        docx_redaction.count_text(docx_bomb, SECRET)
    assert time.monotonic() - started < 6


def test_pdf_page_of_absurd_size_is_not_rendered(settings):
    # 14,400 pt square (the largest page PDF allows): 30,000 × 30,000 pixels at 150 dpi.
    huge = make_pdf([["x"]]).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 14400 14400]")
    assert b"14400" in huge
    assert pdf_redaction.page_sizes(huge) == [(14400.0, 14400.0)]
    before = _peak_mb()
    with pytest.raises(RedactionError, match="图片为 30000×30000 像素，超过上限 50000000 像素"):
        pdf_redaction.redact_pdf(huge, [])
    with pytest.raises(RedactionError, match="超过上限 1000 像素"):
        settings.FILE_EXTRACT_LIMITS = {"max_image_pixels": 1000}
        pdf_redaction.render_page(make_pdf([["x"]]), 1)
    assert _peak_mb() - before < 50


def test_pdf_content_stream_bomb_stays_in_the_worker(settings):
    """A content stream that inflates to 600 MB: PDFium, under the worker's address-space
    limit, cannot allocate and aborts the worker (SIGABRT), reported as the memory limit."""
    bomb = make_pdf_stream_bomb(600 * MB)
    assert len(bomb) < 2 * MB
    settings.FILE_EXTRACT_LIMITS = {"memory_mb": 400}
    before, started = _peak_mb(), time.monotonic()
    for attempt in (
        lambda: pdf_redaction.count_text(bomb, SECRET),
        lambda: pdf_redaction.redact_pdf(bomb, []),
    ):
        with pytest.raises(RedactionError) as caught:
            attempt()
        assert str(caught.value) == "文件过大，无法处理：读取所需内存超过上限 400 MB。"
    assert time.monotonic() - started < 60
    assert _peak_mb() - before < 50  # PDFium inflated nothing in this process


def test_good_files_still_redact_and_come_back_from_the_worker():
    pdf = make_pdf([[f"申请人{SECRET}的电话", "本段可以公开"], ["第二页"]])
    boxes = pdf_redaction.find_text(pdf, SECRET)
    assert len(boxes) == 1 and boxes[0].page == 1
    assert pdf_redaction.count_text(pdf, SECRET) == 1
    assert pdf_redaction.render_page(pdf, 1, boxes).startswith(b"\x89PNG")
    released = pdf_redaction.redact_pdf(pdf, boxes)
    reader = PdfReader(io.BytesIO(released))
    assert len(reader.pages) == 2 and SECRET not in (reader.pages[0].extract_text() or "")

    docx = make_docx([f"申请人{SECRET}的电话", "本段可以公开"])
    docx_redaction.check_docx(docx)
    assert docx_redaction.count_text(docx, SECRET) == 1
    cleaned = docx_redaction.redact_docx(docx, [SECRET])
    body = zipfile.ZipFile(io.BytesIO(cleaned)).read("word/document.xml").decode()
    assert SECRET not in body and "■■■" in body and "本段可以公开" in body


def test_damaged_and_encrypted_still_say_so():
    with pytest.raises(RedactionError, match="PDF 文件已损坏"):
        pdf_redaction.page_sizes(b"%PDF-1.7\n garbage")
    with pytest.raises(RedactionError, match="DOCX 文件已损坏"):
        docx_redaction.check_docx(b"PK\x03\x04 not a zip")
    with pytest.raises(RedactionError, match="加密"):
        docx_redaction.check_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(RedactionError, match="页码 3 不存在（共 1 页）"):
        pdf_redaction.render_page(make_pdf([["x"]]), 3)


def test_page_image_finds_its_texts_in_the_same_worker_run():
    """The officer's page image paints the text redactions found on that page: found and
    painted in one worker run (not one run per text, plus the render)."""
    from PIL import Image

    pdf = make_pdf([[f"申请人{SECRET}的电话"], [f"第二页也有{SECRET}"]])
    (box,) = pdf_redaction.find_text(pdf, SECRET, 1)
    inside = (int(box.x0 + 2), int(box.y0 + 2), int(box.x1 - 2), int(box.y1 - 2))

    def darkest(png: bytes) -> int:
        return Image.open(io.BytesIO(png)).convert("L").crop(inside).getextrema()[1]

    plain = pdf_redaction.render_page(pdf, 1, [], dpi=72, style="solid")
    painted = pdf_redaction.render_page(pdf, 1, [], dpi=72, style="solid", texts=[SECRET, " "])
    assert darkest(plain) > 200  # white paper between the glyphs
    assert darkest(painted) == 0  # all black: the box was found on this page and painted
    other = pdf_redaction.render_page(pdf, 1, [], dpi=72, style="solid", texts=["第二页"])
    assert darkest(other) > 200  # a text of another page paints nothing here
