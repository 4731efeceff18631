"""Text out of stored files, as pure functions on bytes (no database).

- `extract_raw_text(kind, data)`: the text as the format gives it: PDF lines as pypdf lays them
  out (visual line breaks, page numbers still there; a line that starts indented, such as a
  paragraph's first line, begins with two spaces), DOCX paragraphs and table rows, XLSX
  cell text, decoded TXT; images give "" (OCR comes later). Raises ExtractionError with a
  clear Chinese message when the file is damaged. Document parsers (docparse) start here.
- `clean_text(kind, raw)`: the text kept for search: page-number lines dropped and PDF
  visual line breaks inside CJK text joined.
- `join_cjk_lines`, `is_page_number_line`, `drop_page_number_lines`: the helpers."""

import collections
import io
import logging
import math
import re

from django.utils.translation import gettext as _

from .models import IMAGE_KINDS, Kind

logger = logging.getLogger(__name__)


class ExtractionError(Exception):
    """A file whose text cannot be read; str(exc) is the message shown to staff."""


# --- CJK line joining -------------------------------------------------------------------

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK punctuation and full-width forms that may sit at the end or start of a wrapped line.
CJK_PUNCT = "\u3001\u3008-\u3011\u3014-\u301f\u2018-\u201d\u2026\u2014\uff08\uff09\uff0c\u00b7"
# A line ending with one of these may end a paragraph: keep that break.
SENTENCE_END = "\u3002\uff01\uff1f\uff1b\uff1a!?;:"
CJK = HAN + CJK_PUNCT + SENTENCE_END + "\u3000\uff01-\uff5e"

_JOIN = re.compile(
    rf"(?:(?<=[{HAN}{CJK_PUNCT}])[ \t]*\n[ \t]*(?=[{CJK}0-9A-Za-z])"
    rf"|(?<=[0-9A-Za-z%])[ \t]*\n[ \t]*(?=[{HAN}]))"
)


def join_cjk_lines(text: str) -> str:
    """Join visual line breaks inside CJK text: "建\\n设" → "建设", also where a digit or Latin
    letter meets a Han character ("在\\n2018 年"). A break after sentence-final punctuation
    (。！？；：) is kept, as it may end a paragraph; so is a break between two Latin words."""
    return _JOIN.sub("", text)


_DASHES = "-\u2010-\u2015\u2212\uff0d\u2500\u2501\u30fc"
_PAGE_NUMBER = re.compile(
    rf"^\s*(?:[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+"  # — 3 —, - 3 -, －3－
    rf"|第\s*\d{{1,4}}\s*页(?:\s*[，,/、]?\s*共\s*\d{{1,4}}\s*页)?"  # 第 3 页 / 第3页 共10页
    rf"|\d{{1,4}}\s*/\s*\d{{1,4}})\s*$"  # 3/10
)


def is_page_number_line(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def drop_page_number_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not is_page_number_line(line))


def clean_text(kind: str, raw: str) -> str:
    """The text kept on the attachment for search and display of excerpts."""
    # PostgreSQL text cannot hold NUL, which some PDF fonts produce.
    text = raw.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if kind == Kind.PDF:
        text = join_cjk_lines(drop_page_number_lines(text))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- Formats ---------------------------------------------------------------------------


def _pdf_page_text(page) -> str:
    """pypdf's text of a page, with two spaces before each line that starts indented (where
    the positions tell: a paragraph's first line is indented by two characters in 公文)."""
    fragments: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text and text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            size = (font_size or 1) * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            fragments.append((x, y, size, text))

    text = page.extract_text(visitor_text=visit) or ""
    return _mark_indents(text, fragments)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _mark_indents(text: str, fragments: list[tuple[float, float, float, str]]) -> str:
    groups: list[list] = []  # [x, y, size, compact text] per visual line
    for x, y, size, piece in fragments:
        if groups and abs(y - groups[-1][1]) <= 0.5 * max(size, 1):
            group = groups[-1]
            group[0], group[2] = min(group[0], x), max(group[2], size)
            group[3] += _compact(piece)
        else:
            groups.append([x, y, size, _compact(piece)])
    if len(groups) < 3:
        return text
    margins = collections.Counter(round(g[0]) for g in groups if len(g[3]) > 3)
    if not margins:
        return text
    margin = min(x for x, n in margins.items() if n == max(margins.values()))
    lines, k = text.split("\n"), 0
    for i, line in enumerate(lines):
        compact = _compact(line)
        if not compact:
            continue
        for j in range(k, min(k + 4, len(groups))):
            if groups[j][3] == compact:
                if groups[j][0] - margin >= 1.5 * groups[j][2]:
                    lines[i] = "  " + line.lstrip()
                k = j + 1
                break
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(_("PDF 文件已加密，无法提取文字。"))
        pages = [_pdf_page_text(page) for page in reader.pages]
    except ExtractionError:
        raise
    except FileNotDecryptedError as exc:
        raise ExtractionError(_("PDF 文件已加密，无法提取文字。")) from exc
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        logger.info("PDF text extraction failed: %r", exc)
        raise ExtractionError(
            _("PDF 文件已损坏或格式不正确，无法提取文字（%(detail)s）。")
            % {"detail": str(exc)[:200] or exc.__class__.__name__}
        ) from exc
    return "\n".join(pages)


def _docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_rows(block))
            else:
                lines.append(block.text)
    except Exception as exc:  # python-docx: KeyError, ValueError, lxml errors, BadZipFile...
        logger.info("DOCX text extraction failed: %r", exc)
        raise ExtractionError(
            _("DOCX 文件已损坏或不是有效的 Word 文档，无法提取文字（%(detail)s）。")
            % {"detail": str(exc)[:200] or exc.__class__.__name__}
        ) from exc
    return "\n".join(lines)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:  # a merged cell repeats: keep it once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
        rows.append("\t".join(cells))
    return rows


def _xlsx_text(data: bytes) -> str:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, KeyError, InvalidFileException, XML errors
        logger.info("XLSX text extraction failed: %r", exc)
        raise ExtractionError(
            _("XLSX 文件已损坏或不是有效的 Excel 表格，无法提取文字（%(detail)s）。")
            % {"detail": str(exc)[:200] or exc.__class__.__name__}
        ) from exc
    lines: list[str] = []
    try:
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
                if cells:
                    lines.append("\t".join(cells))
    except Exception as exc:
        raise ExtractionError(
            _("XLSX 文件已损坏，无法读取全部内容（%(detail)s）。")
            % {"detail": str(exc)[:200] or exc.__class__.__name__}
        ) from exc
    finally:
        workbook.close()
    return "\n".join(lines)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise ExtractionError(_("文本文件既不是 UTF-8 也不是 GB18030 编码。")) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract_raw_text(kind: str, data: bytes) -> str:
    """The text of a file of a sniffed kind, as the format lays it out (see module doc)."""
    if kind == Kind.PDF:
        return _pdf_text(data)
    if kind == Kind.DOCX:
        return _docx_text(data)
    if kind == Kind.XLSX:
        return _xlsx_text(data)
    if kind == Kind.TXT:
        return decode_text(data)
    if kind in IMAGE_KINDS:
        return ""  # OCR comes later
    raise ExtractionError(_("不支持提取该类型文件的文字。"))


def read_document(uploaded_file) -> tuple[str, str]:
    """(kind, raw text) of a file checked by content like an upload (ValidationError when it
    is not a supported type; ExtractionError when it is damaged). For importers and parsers
    that read files from disk: `read_document(open(path, "rb"))`."""
    from django.core.files import File

    from .sniff import check_upload

    upload = uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file)
    sniffed = check_upload(upload)
    upload.seek(0)
    return sniffed.kind, extract_raw_text(sniffed.kind, upload.read())
