"""Every XLSX import reads through bounded extraction (issue 12.1): a real XLSX bomb built here
(a header row, then one row of millions of tiny inline-string cells, deflated to well under
1 MB) given to the shared one-sheet importer (`tables.read_table`, used by 权力清单 and the
spot checks' libraries) and to the import's row estimate (`table_jobs.estimate_rows`, which
decides between the request and a FileJob) is refused with a clear "too large" message, in
bounded time, without this process growing; with every zip check switched off the worker's
address-space limit is what stops openpyxl.

And no module reads an untrusted DOCX, XLSX, PDF or image outside the worker: the source is
scanned for the parse calls of the libraries that do (openpyxl, python-docx, pypdf,
pdfplumber, PDFium, Pillow), each remaining place named with the reason it may stay."""

import io
import re
import resource
import time
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel.files.safe_extract.runner import read_xlsx_rows
from sunshine.kernel.files.table_jobs import estimate_rows
from sunshine.kernel.files.tables import Column, read_table
from sunshine.kernel.files.testing import make_xlsx

MB = 1024 * 1024
NO_ZIP_CHECKS = {"max_unpacked_bytes": 1 << 40, "max_ratio": 10**9, "max_elements": 10**12}
COLUMNS = (Column("code", "序号", required=True), Column("name", "名称", required=True))
CELL = b'<c t="inlineStr"><is><t>x</t></is></c>'


def make_xlsx_cell_bomb(unpacked_bytes: int) -> bytes:
    """A valid XLSX (openpyxl's own package) whose sheet holds the header row 序号 | 名称 and
    then one row of tiny inline-string cells, `unpacked_bytes` of XML in all: a row limit
    never stops it (it is one row), and openpyxl makes an object of every cell."""
    source = zipfile.ZipFile(io.BytesIO(make_xlsx([["序号", "名称"]])))
    # No <dimension>: openpyxl's read-only mode would stop at the rows it declares.
    sheet = re.sub(rb"<dimension [^>]*/>", b"", source.read("xl/worksheets/sheet1.xml"))
    head, tail = sheet.split(b"</row>", 1)
    head += b'</row><row r="2">'
    tail = b"</row>" + tail
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, source.read(info))
        block = CELL * ((1 << 20) // len(CELL))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(head)
            written = len(head) + len(tail)
            while written + len(block) <= unpacked_bytes:
                part.write(block)
                written += len(block)
            part.write(CELL * max(0, (unpacked_bytes - written) // len(CELL)))
            part.write(tail)
    return out.getvalue()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("权力清单.xlsx", data)


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    return make_xlsx_cell_bomb(300 * MB)


def test_the_bomb_is_a_real_workbook():
    """The small version reads as the header and one long row (the bomb is not a fake)."""
    small = make_xlsx_cell_bomb(2 * MB)
    rows, errors = read_table(_upload(small), COLUMNS, max_rows=10)
    assert errors == [] and rows == [(2, {"code": "x", "name": "x"})]
    assert len(read_xlsx_rows(small, max_rows=10)[1]) > 50_000  # the cells of that one row
    assert estimate_rows(_upload(small), max_rows=10) == 2


def test_import_of_an_xlsx_bomb_is_refused_before_parsing(xlsx_bomb):
    assert len(xlsx_bomb) < 1 * MB
    before, started = _peak_mb(), time.monotonic()
    expected = "文件过大，无法导入：解压后共 300.0\xa0MB，超过上限 200.0\xa0MB。"
    with pytest.raises(ValidationError) as caught:
        read_table(_upload(xlsx_bomb), COLUMNS, max_rows=5000)
    assert caught.value.messages == [expected]
    with pytest.raises(ValidationError) as caught:
        estimate_rows(_upload(xlsx_bomb), max_rows=5000)
    assert caught.value.messages == [expected] and caught.value.code == "too_large"
    assert time.monotonic() - started < 5
    assert _peak_mb() - before < 50


def test_ratio_and_element_limits_stop_a_smaller_bomb(settings):
    bomb = make_xlsx_cell_bomb(60 * MB)  # within the size limit
    with pytest.raises(ValidationError, match=r"部件“xl/worksheets/sheet1.xml”的压缩比为 \d+ 倍"):
        read_table(_upload(bomb), COLUMNS, max_rows=5000)
    settings.FILE_EXTRACT_LIMITS = {"max_ratio": 10**9}  # then the element count (in the worker)
    with pytest.raises(
        ValidationError, match="文件过大，无法导入：文档的 XML 元素超过 2000000 个。"
    ):
        read_table(_upload(bomb), COLUMNS, max_rows=5000)


def test_worker_memory_limit_stops_openpyxl_without_the_zip_checks(settings):
    settings.FILE_EXTRACT_LIMITS = dict(NO_ZIP_CHECKS, memory_mb=250)
    bomb = make_xlsx_cell_bomb(30 * MB)  # 800,000 cells in one row
    before, started = _peak_mb(), time.monotonic()
    with pytest.raises(ValidationError) as caught:
        read_table(_upload(bomb), COLUMNS, max_rows=5000)
    assert caught.value.messages == ["文件过大，无法导入：读取所需内存超过上限 250 MB。"]
    assert time.monotonic() - started < 60
    assert _peak_mb() - before < 50  # openpyxl's cells were all in the worker


# --- No parse outside the worker ----------------------------------------------------------

SUNSHINE = Path(__file__).resolve().parents[3]
# The calls that parse (decompress, decode) a DOCX, XLSX, PDF or image.
PARSE_CALLS = re.compile(
    r"load_workbook\(|docx\.Document\(\s*[^)\s]|PdfReader\(|pdfplumber\.open\(|PdfDocument\("
    r"|Image\.open\(|read_excel\("
)
# Where they may be, and why.
ALLOWED = {
    # The worker's own parsers and the redaction engines the worker runs.
    "kernel/files/safe_extract/parsers.py",
    "kernel/redaction/pdf_engine.py",
    # The page count of the gazette PDF the platform typeset itself (WeasyPrint), not an upload.
    "disclosure/gazette/pdf.py",
    # The historical gazette's page count, page reading and OCR: run by the worker through
    # run_call (disclosure/gazette/pagetext.py calls it; the scan checks that file is clean).
    "disclosure/gazette/pageread.py",
}


def test_no_untrusted_file_is_parsed_outside_the_worker():
    found = set()
    for path in SUNSHINE.rglob("*.py"):
        relative = path.relative_to(SUNSHINE).as_posix()
        if "/tests/" in relative or relative.startswith("testing") or "/testing" in relative:
            continue
        if PARSE_CALLS.search(path.read_text(encoding="utf-8")):
            found.add(relative)
    assert "kernel/files/safe_extract/parsers.py" in found  # the scan sees the real calls
    assert found - ALLOWED == set()
    assert "disclosure/gazette/pagetext.py" not in found  # no longer an exception (issue 12.1)
