"""Tables written as a stream of bytes (XLSX and CSV) in constant memory, for a download that
must not hold a whole file in the request: a `StreamingHttpResponse` over `xlsx_stream(…)` or
`csv_stream(…)` sends each chunk as it is written (issue 12.3).

The XLSX is written by hand into a zip written in order (Python's zipfile writes to a stream
that cannot seek with data descriptors): one worksheet with inline strings (no shared-string
table to keep in memory), a bold shaded header row that stays frozen, column widths, text
wrapped at the top of the cell. A text cell is always text in XLSX (never a formula), so the
public's "=…" cannot run; the CSV quotes such cells with a leading "'" like the other exports.

Rows are any iterable of sequences (None, bool, int, float, date/time or anything with str());
a QuerySet's `.iterator()` mapped to cells keeps the whole chain constant in memory."""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape  # nosec B406 (XML is written, never parsed)

CHUNK_ROWS = 200  # rows written between two chunks given to the response
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)  # fmt: skip
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)  # fmt: skip
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)  # fmt: skip
# Style 0: default; 1: the header (bold, shaded, centred, wrapped); 2: a body cell (top, wrapped).
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE6F0"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">'
    '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)  # fmt: skip


class _Pipe:
    """A write-only file for zipfile that cannot seek: what is written waits to be taken."""

    def __init__(self):
        self.buffer = bytearray()
        self.written = 0

    def write(self, data) -> int:
        self.buffer += data
        self.written += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.buffer = bytes(self.buffer), bytearray()
        return data


def _column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _text(value) -> str:
    return escape(_ILLEGAL_XML.sub("", value))


def _cell(ref: str, value, style: int) -> str:
    if value is None or value == "":
        return ""
    s = f' s="{style}"' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    text = _text(str(value))
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t{space}>{text}</t></is></c>'


def _row(number: int, values: Sequence, style: int) -> str:
    cells = "".join(_cell(f"{_column(i)}{number}", v, style) for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def xlsx_stream(
    rows: Iterable[Sequence],
    *,
    header: Sequence[str],
    sheet_title: str = "Sheet1",
    widths: Sequence[float] = (),
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator[bytes]:
    """The XLSX file as successive chunks of bytes; the rows are read once, lazily."""
    pipe = _Pipe()
    archive = zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
    title = _text(re.sub(r"[\\/?*\[\]:]", " ", sheet_title)[:31] or "Sheet1")
    for name, body in (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ("xl/styles.xml", _STYLES),
        (
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
    ):
        archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body)
    yield pipe.take()
    info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as part:
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        part.write(
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
                + (f"<cols>{cols}</cols>" if cols else "")
                + "<sheetData>"
                + _row(1, header, 1)
            ).encode()
        )
        for number, values in enumerate(rows, start=2):
            part.write(_row(number, values, 2).encode())
            if number % chunk_rows == 0 and pipe.buffer:
                yield pipe.take()
        part.write(b"</sheetData></worksheet>")
    archive.close()
    yield pipe.take()


class _Line:
    def __init__(self):
        self.value = ""

    def write(self, text: str) -> None:
        self.value += text


def safe_text(value) -> str:
    """A cell for CSV: no spreadsheet formula from the public's text (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_stream(
    rows: Iterable[Sequence], *, header: Sequence[str], chunk_rows: int = CHUNK_ROWS
) -> Iterator[bytes]:
    """UTF-8 CSV with a BOM (so that Excel reads the Chinese text) as successive chunks."""
    line = _Line()
    writer = csv.writer(line)
    writer.writerow(header)
    out = io.StringIO()
    out.write("\ufeff" + line.value)
    line.value = ""
    for number, values in enumerate(rows, start=1):
        writer.writerow([safe_text(v) for v in values])
        out.write(line.value)
        line.value = ""
        if number % chunk_rows == 0:
            yield out.getvalue().encode("utf-8")
            out = io.StringIO()
    yield out.getvalue().encode("utf-8")
