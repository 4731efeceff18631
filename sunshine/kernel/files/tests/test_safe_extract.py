"""Bounded extraction against real decompression bombs built here (zipfile, hand-written
PDF and PNG): every layer refuses in bounded time, the parent's memory does not grow, and a
stored attachment keeps its file with the status "too_large"."""

import io
import resource
import struct
import time
import zipfile

import pytest

from sunshine.kernel.files import services
from sunshine.kernel.files.extract import ExtractionError, TooLargeError, extract_raw_text
from sunshine.kernel.files.models import Attachment
from sunshine.kernel.files.safe_extract import zipcheck
from sunshine.kernel.files.safe_extract.errors import Failure
from sunshine.kernel.files.safe_extract.limits import DEFAULTS
from sunshine.kernel.files.safe_extract.runner import (
    TooManyRowsError,
    estimate_xlsx_rows,
    extract_text,
    read_xlsx_rows,
)
from sunshine.kernel.files.tasks import extract_attachment_text
from sunshine.kernel.files.testing import (
    make_docx,
    make_docx_bomb,
    make_pdf,
    make_pdf_pages,
    make_pdf_stream_bomb,
    make_png_bomb,
    make_xlsx,
    make_xlsx_bomb,
    upload,
)
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.testing.factories import UserFactory

MB = 1024 * 1024
# Every zip pre-check switched off: the worker's own limits must then hold.
NO_ZIP_CHECKS = {"max_unpacked_bytes": 1 << 40, "max_ratio": 10**9, "max_elements": 10**12}


def _self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    """word/document.xml unpacks to 300 MB of tiny paragraphs (about 9 million elements);
    the file is under 1 MB."""
    return make_docx_bomb(300 * MB)


def test_docx_bomb_refused_before_opening_in_bounded_time_and_memory(docx_bomb):
    assert len(docx_bomb) < 2 * MB
    peak_before, started = _self_peak_mb(), time.monotonic()
    with pytest.raises(TooLargeError) as caught:
        extract_raw_text("docx", docx_bomb)
    assert time.monotonic() - started < 5
    assert _self_peak_mb() - peak_before < 50  # nothing was inflated in this process
    assert caught.value.reason == "unpacked"
    assert "解压后共 300.0\xa0MB，超过上限 200.0\xa0MB" in str(caught.value)
    assert str(caught.value).startswith("文件过大，未提取文字")


def test_ratio_and_part_count_are_checked_on_the_central_directory():
    bomb = make_docx_bomb(30 * MB)  # under the size limit, but 30 MB from about 100 KB
    with pytest.raises(TooLargeError, match="压缩比为 \\d+ 倍，超过上限 100 倍") as caught:
        extract_text("docx", bomb)
    assert caught.value.reason == "ratio"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(DEFAULTS["max_parts"] + 1):
            archive.writestr(f"part{n}.xml", b"<a/>")
    with pytest.raises(Failure) as failure:
        zipcheck.check_directory(io.BytesIO(out.getvalue()), DEFAULTS)
    assert failure.value.params["reason"] == "parts"


def _empty_parts(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for n in range(count):
            archive.writestr(zipfile.ZipInfo(f"p{n}"), b"")
    return out.getvalue()


def test_part_count_is_read_from_the_end_record_before_the_directory_is_parsed():
    """zipfile makes an object of every directory entry: 450,000 empty parts in a 40 MB
    upload took 10 s and 233 MB before the count was checked. The end record's count (its
    zip64 record past 65,535 parts) and the directory's declared size come first."""
    many = _empty_parts(70_000)  # 5 MB; a zip64 end record
    assert zipcheck.declared_directory(io.BytesIO(many))[0] == 70_001
    before, started = _self_peak_mb(), time.monotonic()
    with pytest.raises(TooLargeError, match="压缩包内有 70001 个部件，超过上限 1000 个"):
        extract_text("docx", many)
    assert time.monotonic() - started < 0.5  # parsing the directory alone takes over 1 s
    assert _self_peak_mb() - before < 10
    # An end record that lies about the count: the directory's size gives it away.
    few = _empty_parts(3000)
    end = few.rindex(b"PK\x05\x06")
    lying = few[: end + 8] + struct.pack("<HH", 3, 3) + few[end + 12 :]
    assert zipcheck.declared_directory(io.BytesIO(lying))[0] == 3
    with pytest.raises(TooLargeError, match=r"压缩包目录为 .*KB，超过上限 100.0\sKB") as caught:
        extract_text("xlsx", lying, limits={"max_parts": 100})
    assert caught.value.reason == "directory"
    assert zipcheck.declared_directory(io.BytesIO(b"PK\x03\x04 no end record")) is None


def test_element_count_is_checked_by_streaming_in_the_worker():
    bomb = make_docx_bomb(1 * MB)  # about 30,000 paragraphs of 3 elements
    limits = {"max_elements": 50_000}
    with pytest.raises(TooLargeError, match="XML 元素超过 50000 个"):
        extract_text("docx", bomb, limits=limits)
    # The same file under the default element limit is read (it is a valid document).
    assert extract_text("docx", bomb).startswith("x\nx\n")


def test_worker_memory_limit_holds_when_the_zip_checks_are_off(docx_bomb):
    """The second layer: the parse runs in a process with RLIMIT_AS; python-docx on 300 MB of
    XML needs far more than 400 MB, so the worker stops with MemoryError, reported."""
    peak_before, started = _self_peak_mb(), time.monotonic()
    with pytest.raises(TooLargeError, match="读取所需内存超过上限 400 MB") as caught:
        extract_text("docx", docx_bomb, limits=dict(NO_ZIP_CHECKS, memory_mb=400))
    assert caught.value.reason == "memory"
    assert time.monotonic() - started < 60
    assert _self_peak_mb() - peak_before < 50
    assert caught.value.worker_peak_mb is not None and caught.value.worker_peak_mb < 400


def test_worker_is_killed_past_the_wall_time(docx_bomb):
    started = time.monotonic()
    with pytest.raises(TooLargeError, match="读取时间超过上限 1 秒") as caught:
        extract_text("docx", docx_bomb, limits=dict(NO_ZIP_CHECKS, wall_seconds=1))
    assert caught.value.reason == "time"
    assert time.monotonic() - started < 5


def test_xlsx_bomb_and_row_limit():
    sheet = make_xlsx_bomb(5_000)  # 55,000 cells
    assert estimate_xlsx_rows(sheet, cap=1_000_000) == 5_000
    assert 10 < estimate_xlsx_rows(sheet, cap=10) < 5_000  # stops counting past the cap
    with pytest.raises(TooManyRowsError, match="表格超过 1000 行") as caught:
        read_xlsx_rows(sheet, max_rows=1000)
    assert caught.value.limit == 1000
    with pytest.raises(TooLargeError, match="XML 元素超过"):
        extract_text("xlsx", sheet, limits={"max_elements": 50_000})
    rows = read_xlsx_rows(make_xlsx([["序号", "名称"], [1, "阳光政务"], [2.5, None]]), max_rows=5)
    assert rows == [["序号", "名称"], [1, "阳光政务"], [2.5, None]]


def test_pdf_with_too_many_pages():
    with pytest.raises(TooLargeError, match="共 3001 页，超过上限 3000 页") as caught:
        extract_text("pdf", make_pdf_pages(3001))
    assert caught.value.reason == "pages"
    assert extract_text("pdf", make_pdf_pages(3)) == "\n\n"


def test_pdf_with_a_stream_that_inflates_past_pypdfs_limit():
    bomb = make_pdf_stream_bomb(120 * MB)  # 120 MB of drawing operators in a 200 KB file
    assert len(bomb) < 1 * MB
    started = time.monotonic()
    with pytest.raises(TooLargeError, match="PDF 内容流解压后过大") as caught:
        extract_text("pdf", bomb)
    assert caught.value.reason == "stream"
    assert time.monotonic() - started < 30


def test_image_with_giant_dimensions_uses_pillows_bomb_check():
    bomb = make_png_bomb(60_000, 60_000)  # 3.6 billion pixels in a few hundred bytes
    with pytest.raises(TooLargeError, match="图片像素超过上限 50000000 像素"):
        extract_raw_text("png", bomb)
    # Between the limit and twice it Pillow only warns: our own check names the size.
    with pytest.raises(TooLargeError, match="图片为 8000×8000 像素"):
        extract_text("png", make_png_bomb(8000, 8000), limits={"max_image_pixels": 60_000_000})
    assert extract_raw_text("png", make_png_bomb(100, 100)) == ""


def test_good_files_still_read_and_damaged_ones_still_say_so():
    assert extract_raw_text("docx", make_docx(["阳光政务"])) == "阳光政务"
    assert "阳光" in extract_raw_text("pdf", make_pdf([["阳光政务"]]))
    with pytest.raises(ExtractionError, match="DOCX 文件已损坏") as caught:
        extract_raw_text("docx", b"PK\x03\x04 not a zip")
    assert not isinstance(caught.value, TooLargeError)


@pytest.mark.django_db(transaction=True)
def test_attachment_of_a_bomb_is_kept_with_status_too_large(province, media, docx_bomb):
    """Through the real background task, as for a citizen's message attachment."""
    owner = UserFactory(agency=province["office"])
    attachment = services.store_attachment(
        owner=owner, uploaded_file=upload("通知.docx", docx_bomb), actor=owner
    )
    assert attachment.extraction_status == Attachment.Extraction.PENDING
    assert run_worker_batch() == 1
    attachment.refresh_from_db()
    assert attachment.extraction_status == "too_large"
    assert attachment.get_extraction_status_display() == "文件过大，未提取文字"
    assert attachment.extraction_error == "解压后共 300.0\xa0MB，超过上限 200.0\xa0MB。"
    assert attachment.text == ""
    with attachment.file.open("rb") as fh:  # the file itself is kept, complete
        assert fh.read() == docx_bomb
    assert extract_attachment_text.call(attachment.pk) == "too_large"  # not retried


def test_worker_gets_no_secrets_from_the_environment(monkeypatch):
    """The worker parses untrusted files: it must not inherit SECRET_KEY or DATABASE_URL."""
    from sunshine.kernel.files.safe_extract import runner

    monkeypatch.setenv("SECRET_KEY", "not-for-the-worker")
    env = runner._env()
    assert "SECRET_KEY" not in env and "DATABASE_URL" not in env
    assert env["PYTHONPATH"] == runner._ROOT
    assert extract_text("docx", make_docx(["环境"])) == "环境"  # and it still runs
