"""The gazette's historical PDFs are held to the platform's bounded-extraction limits (issue
12.1): the page count and the page reading run in the limited worker; too many pages or a giant
declared image is refused at upload with a clear message, nothing kept; a page that needs more
memory than the worker has stops the processing with that limit named, this process flat."""

import datetime as dt
import resource
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.disclosure.gazette import historical
from sunshine.disclosure.gazette.choices import Processing
from sunshine.disclosure.gazette.pagetext import PageReadError, count_pages
from sunshine.disclosure.gazette.tasks import process_historical_task
from sunshine.kernel.files.testing import make_pdf_pages
from sunshine.testing.factories.gazette import make_issue

pytestmark = pytest.mark.usefixtures("media")


def test_pdf_over_the_page_limit_is_refused(settings):
    settings.FILE_EXTRACT_LIMITS = {"max_pdf_pages": 50}
    assert count_pages(make_pdf_pages(50)) == 50
    with pytest.raises(PageReadError, match="文件过大：共 51 页，超过上限 50 页。"):
        count_pages(make_pdf_pages(51))


@pytest.mark.django_db
def test_upload_over_the_page_limit_keeps_nothing(gazette_people, settings):
    settings.FILE_EXTRACT_LIMITS = {"max_pdf_pages": 20}
    issue = make_issue(
        gazette_people, year=2003, number=6, historical=True, publication_date=dt.date(2003, 6, 1)
    )
    upload = SimpleUploadedFile("2003-6.pdf", make_pdf_pages(21), content_type="application/pdf")
    with pytest.raises(ValidationError, match="共 21 页，超过上限 20 页"):
        historical.upload_historical_pdf(
            issue=issue, actor=gazette_people["editor"], uploaded_file=upload
        )
    issue.refresh_from_db()
    assert issue.source_attachment is None and not issue.attachments.exists()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def image_page_pdf(width: int, height: int) -> bytes:
    """A one-page PDF (a "scan") whose page is one grey image of width × height pixels, all
    black: FlateDecode packs 400 megapixels into about 400 KB."""
    packer, chunks, row_block = zlib.compressobj(9), [], b"\0" * (width * 256)
    for _ in range(height // 256):
        chunks.append(packer.compress(row_block))
    chunks.append(packer.compress(b"\0" * (width * (height % 256))) + packer.flush())
    stream = b"".join(chunks)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (width, height, len(stream), stream),
        b"<< /Length 32 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture(scope="module")
def image_bomb() -> bytes:
    return image_page_pdf(20_000, 20_000)  # 400 megapixels, about 400 KB


@pytest.mark.django_db
def test_a_giant_declared_image_is_refused_at_upload_without_decoding(gazette_people, image_bomb):
    """The page count runs in the worker, which reads every image's declared size: past the
    pixel limit (50 million by default) the upload is refused, nothing kept or decoded."""
    assert len(image_bomb) < 1024 * 1024
    issue = make_issue(
        gazette_people, year=2003, number=7, historical=True, publication_date=dt.date(2003, 7, 1)
    )
    before, started = _peak_mb(), time.monotonic()
    upload = SimpleUploadedFile("2003-7.pdf", image_bomb, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        historical.upload_historical_pdf(
            issue=issue, actor=gazette_people["editor"], uploaded_file=upload
        )
    assert caught.value.message_dict["file"] == [
        "文件过大：图片为 20000×20000 像素，超过上限 50000000 像素。"
    ]
    assert time.monotonic() - started < 10
    assert _peak_mb() - before < 20  # 400 MB of pixels were never decoded in this process
    issue.refresh_from_db()
    assert issue.source_attachment is None and not issue.attachments.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "side,memory_mb,message",
    [
        # 400 megapixels: pypdf's own decompression limit (75 MB) stops it in the worker
        (20_000, 2048, "文件过大：PDF 内容流解压后过大。"),
        # 64 megapixels (under pypdf's limit): the worker's memory limit stops the OCR
        (8_000, 400, "文件过大：读取所需内存超过上限 400 MB。"),
    ],
)
def test_a_page_bomb_stops_the_processing_with_the_limit_named(
    gazette_people, settings, side, memory_mb, message
):
    """With the pixel limit lifted, the giant page image is decoded for OCR: in the worker,
    which stops; the issue is marked failed with that limit named (not read as an empty
    page), and this (task) process does not grow."""
    settings.FILE_EXTRACT_LIMITS = {"max_image_pixels": 10**10}
    settings.GAZETTE_OCR_MEMORY_MB = memory_mb
    issue = make_issue(
        gazette_people, year=2003, number=8, historical=True, publication_date=dt.date(2003, 8, 1)
    )
    upload = SimpleUploadedFile(
        "2003-8.pdf", image_page_pdf(side, side), content_type="application/pdf"
    )
    historical.upload_historical_pdf(
        issue=issue, actor=gazette_people["editor"], uploaded_file=upload
    )
    issue.refresh_from_db()
    assert (issue.processing, issue.pages_total) == (Processing.PENDING, 1)
    before, started = _peak_mb(), time.monotonic()
    result = process_historical_task.call(issue.pk, issue.source_attachment_id)
    assert time.monotonic() - started < 60
    assert _peak_mb() - before < 20  # a decoded page alone is 64 MB (RGB for OCR: 192 MB)
    assert result == {"issue": issue.pk, "status": "failed"}
    issue.refresh_from_db()
    assert issue.processing == Processing.FAILED
    assert issue.processing_error == message
    assert not issue.pages.exists()
