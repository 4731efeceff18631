"""A list kept as a one-sheet XLSX table (a header row, then one row per entry), read and
written the same way by every feature that imports a list all-or-nothing (权力清单, the spot
checks' target and inspector libraries).

Reading goes through the kernel's bounded extraction (`read_xlsx_rows`: a separate process
with memory and time limits, after the upload's type check), finds the header among the first
rows (full-width brackets and spaces ignored, columns in any order, known aliases), and returns
each non-empty row as {field: text} with its spreadsheet row number. The feature checks the
values; every problem is a `RowError` (row, column, message) and nothing is saved unless there
is none."""

import io
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import Kind
from .safe_extract.runner import (
    ExtractionError,
    TooLargeError,
    TooManyRowsError,
    read_xlsx_rows,
)
from .sniff import check_upload

HEADER_SEARCH_ROWS = 10  # a title row or two may come before the header


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number (1 = the first row)
    column: str  # the column's name, "" for the whole row or file
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("第 %(row)s 行“%(column)s”：%(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("第 %(row)s 行：%(message)s") % {"row": self.row, "message": self.message}

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class TableImportError(ValidationError):
    """The file has problems; `row_errors` lists each (row number, column, message)."""

    def __init__(self, row_errors: list[RowError]):
        self.row_errors = sorted(row_errors, key=lambda e: e.row)
        super().__init__([str(e) for e in self.row_errors])


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    required: bool = False  # the column must be in the header
    aliases: tuple[str, ...] = ()
    width: int = 16


def plain(text) -> str:
    """The text with full-width forms folded and all white space removed (for comparisons)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The value as text for a cell of an exported table, with a leading apostrophe when it
    would start a formula (formula injection: “=HYPERLINK(…)” typed into a public field)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_of(rows: list, columns: tuple[Column, ...]) -> tuple[int, dict[int, str]] | None:
    spelled = {}
    for column in columns:
        for text in (column.label, *column.aliases):
            spelled[plain(text).replace("(", "").replace(")", "")] = column.field
    required = {c.field for c in columns if c.required}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for i, value in enumerate(row):
            key = plain(cell_text(value)).replace("(", "").replace(")", "")
            if key in spelled and spelled[key] not in found.values():
                found[i] = spelled[key]
        if found and required <= set(found.values()):
            return index, found
    return None


def read_table(uploaded_file, columns: tuple[Column, ...], *, max_rows: int, progress=None):
    """([(row number, {field: text})], [RowError]) of the first sheet. ValidationError when
    the upload is not an XLSX workbook, is too large or has more than `max_rows` rows.
    `progress(n)`, if given, hears of the rows read so far (a background import's bar)."""
    sniffed = check_upload(uploaded_file)
    if sniffed.kind != Kind.XLSX:
        raise ValidationError(_("请上传XLSX格式的文件（Excel 2007及以上版本）。"))
    uploaded_file.seek(0)
    data = uploaded_file.read()
    try:
        rows = read_xlsx_rows(data, max_rows=max_rows + HEADER_SEARCH_ROWS, progress=progress)
    except TooManyRowsError as exc:
        raise ValidationError(
            _("文件超过单次导入上限 %(limit)s 行。请分成多个文件导入。") % {"limit": max_rows}
        ) from exc
    except TooLargeError as exc:
        raise ValidationError(
            _("文件过大，无法导入：%(reason)s。") % {"reason": exc.limit_text or str(exc)}
        ) from exc
    except ExtractionError:
        return [], [RowError(1, "", _("无法读取该XLSX文件，文件可能已损坏。"))]
    header = _header_of(rows, columns)
    if header is None:
        wanted = " | ".join(c.label for c in columns)
        needed = "、".join(c.label for c in columns if c.required)
        message = _("未找到表头（必须有：%(needed)s）。表头应为：%(h)s") % {
            "needed": needed,
            "h": wanted,
        }
        return [], [RowError(1, "", message)]
    header_index, fields = header
    out = []
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        raw = {fields[i]: cell_text(v) for i, v in enumerate(row) if i in fields}
        if any(raw.values()):
            out.append((number, raw))
    if len(out) > max_rows:
        raise ValidationError(
            _("文件超过单次导入上限 %(limit)s 行。请分成多个文件导入。") % {"limit": max_rows}
        )
    return out, []


def write_table(title: str, columns: tuple[Column, ...], rows) -> bytes:
    """The rows (lists of cell values, in `columns` order) as an XLSX file."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([c.label for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(list(row))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
