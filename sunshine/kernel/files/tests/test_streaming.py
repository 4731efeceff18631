"""Tables written as a stream (kernel/files/streaming.py): the XLSX opens in openpyxl with every
value, the header bold and frozen; it comes in many chunks while the rows are read lazily;
formula-like text stays text; CSV has a BOM and quotes formulas."""

import csv
import datetime as dt
import io
import secrets
import zipfile

import openpyxl

from sunshine.kernel.files.streaming import csv_stream, xlsx_stream

HEADER = ["序号", "内容", "数量"]


def _rows(n):
    for i in range(1, n + 1):
        yield [i, f"第{i}项 <公开> & “依据”", i * 1.5]


def test_xlsx_stream_is_a_workbook_with_every_row():
    data = b"".join(
        xlsx_stream(_rows(1000), header=HEADER, sheet_title="主动公开基本目录", widths=[6, 40, 8])
    )
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.title == "主动公开基本目录"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER)
    assert len(rows) == 1001
    assert rows[1] == (1, "第1项 <公开> & “依据”", 1.5)
    assert rows[-1] == (1000, "第1000项 <公开> & “依据”", 1500.0)
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 40


def test_rows_are_read_lazily_and_sent_in_chunks():
    taken = []

    def rows():
        for i in range(1000):
            taken.append(i)
            yield [i, secrets.token_hex(200)]  # text that does not compress away

    stream = xlsx_stream(rows(), header=["a", "b"], chunk_rows=100)
    first = next(stream)
    assert first.startswith(b"PK") and taken == []  # the fixed parts first, no row read yet
    chunks = [first]
    for chunk in stream:
        chunks.append(chunk)
        # rows are read only as the chunks are taken (at most one chunk of rows ahead)
        assert len(taken) <= 100 * len(chunks)
    assert len(chunks) > 5 and len(taken) == 1000


def test_formulas_stay_text_and_odd_values_are_written():
    rows = [["=1+1", None, True, dt.date(2026, 12, 7), "a\x07b", "  两个空格"]]
    data = b"".join(xlsx_stream(rows, header=list("ABCDEF")))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = next(sheet.iter_rows(min_row=2, values_only=True))
    assert values == ("=1+1", None, True, "2026-12-07", "ab", "  两个空格")
    assert sheet["A2"].data_type == "s"  # a string, not a formula


def test_csv_stream_has_a_bom_and_quotes_formulas():
    rows = [["=HYPERLINK(1)", "意见，含逗号"], ["+1", "-"], ["正常", 3]]
    data = b"".join(csv_stream(rows, header=["内容", "说明"], chunk_rows=1))
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed == [
        ["内容", "说明"],
        ["'=HYPERLINK(1)", "意见，含逗号"],
        ["'+1", "'-"],
        ["正常", "3"],
    ]
