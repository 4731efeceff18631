"""The format parsers that run inside the worker process (Django-free): text of a PDF, DOCX,
XLSX; the header of an image; the cell values of an XLSX sheet. They raise Failure with a
code; the parent words the message.

`progress(n)` is called now and then with a count (pages, paragraphs or rows) so that the
parent can show how far a long read is."""

import collections
import io
import math
import re

from .errors import Failure
from .zipcheck import check_directory, count_elements

IMAGE_KINDS = {"png", "jpeg", "gif", "webp"}


def _detail(exc: BaseException) -> str:
    return str(exc)[:200] or exc.__class__.__name__


def _is_limit_error(exc: BaseException) -> bool:
    """lxml and pypdf name their own resource limits in the message."""
    text = f"{exc.__class__.__name__} {exc}".lower()
    return any(
        word in text
        for word in ("memory allocation failed", "limitreached", "huge", "excessive depth")
    )


# --- PDF ---------------------------------------------------------------------------------


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


def pdf_text(data: bytes, limits: dict, progress) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Failure("encrypted")
        count = len(reader.pages)
        if count > limits["max_pdf_pages"]:
            raise Failure("too_large", reason="pages", n=count, limit=limits["max_pdf_pages"])
        pages, size = [], 0
        for number, page in enumerate(reader.pages, start=1):
            # pypdf stops inflating a stream at its own limit (75 MB) but extract_text then
            # says nothing and returns "": decode the contents first to see that limit.
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
            pages.append(_pdf_page_text(page))
            size += len(pages[-1])
            if size > limits["max_text_chars"]:
                break
            if number % 20 == 0:
                progress(number)
    except Failure:
        raise
    except FileNotDecryptedError as exc:
        raise Failure("encrypted") from exc
    except LimitReachedError as exc:
        raise Failure("too_large", _detail(exc), reason="stream") from exc
    except MemoryError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        if _is_limit_error(exc):
            raise Failure("too_large", _detail(exc), reason="stream") from exc
        raise Failure("damaged", _detail(exc)) from exc
    return "\n".join(pages)


# --- DOCX --------------------------------------------------------------------------------


def _check_zip(data: bytes, limits: dict) -> None:
    check_directory(io.BytesIO(data), limits)
    count_elements(io.BytesIO(data), limits)


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


def docx_text(data: bytes, limits: dict, progress) -> str:
    _check_zip(data, limits)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        size = 0
        for number, block in enumerate(document.iter_inner_content(), start=1):
            if isinstance(block, Table):
                lines.extend(_table_rows(block))
            else:
                lines.append(block.text)
            size += len(lines[-1]) if lines else 0
            if size > limits["max_text_chars"]:
                break
            if number % 1000 == 0:
                progress(number)
    except MemoryError:
        raise
    except Exception as exc:  # python-docx: KeyError, ValueError, lxml errors, BadZipFile...
        if _is_limit_error(exc):
            raise Failure("too_large", _detail(exc), reason="xml") from exc
        raise Failure("damaged", _detail(exc)) from exc
    return "\n".join(lines)


# --- XLSX --------------------------------------------------------------------------------


def _open_workbook(data: bytes, limits: dict):
    _check_zip(data, limits)
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # BadZipFile, KeyError, InvalidFileException, XML errors
        if _is_limit_error(exc):
            raise Failure("too_large", _detail(exc), reason="xml") from exc
        raise Failure("damaged", _detail(exc)) from exc


def xlsx_text(data: bytes, limits: dict, progress) -> str:
    workbook = _open_workbook(data, limits)
    lines: list[str] = []
    size, count = 0, 0
    try:
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
                if cells:
                    lines.append("\t".join(cells))
                    size += len(lines[-1])
                count += 1
                if count % 1000 == 0:
                    progress(count)
                if size > limits["max_text_chars"]:
                    return "\n".join(lines)
    except MemoryError:
        raise
    except Exception as exc:
        if _is_limit_error(exc):
            raise Failure("too_large", _detail(exc), reason="xml") from exc
        raise Failure("damaged_content", _detail(exc)) from exc
    finally:
        workbook.close()
    return "\n".join(lines)


def _json_value(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def xlsx_rows(data: bytes, limits: dict, progress, *, sheet: int = 0, max_rows: int) -> list:
    """The cell values of one sheet, row by row (JSON values: dates become text); Failure
    ("too_many_rows") once the sheet has more than `max_rows` rows."""
    workbook = _open_workbook(data, limits)
    rows: list[list] = []
    try:
        if sheet >= len(workbook.worksheets):
            return rows
        for row in workbook.worksheets[sheet].iter_rows(values_only=True):
            if len(rows) >= max_rows:
                raise Failure("too_many_rows", limit=max_rows)
            rows.append([_json_value(v) for v in row])
            if len(rows) % 1000 == 0:
                progress(len(rows))
    except (Failure, MemoryError):
        raise
    except Exception as exc:
        if _is_limit_error(exc):
            raise Failure("too_large", _detail(exc), reason="xml") from exc
        raise Failure("damaged_content", _detail(exc)) from exc
    finally:
        workbook.close()
    return rows


# --- Images ------------------------------------------------------------------------------


def image_check(data: bytes, limits: dict, progress) -> str:
    """Images give no text (no OCR yet), but their header is read: a giant canvas (a
    decompression bomb for whoever decodes it later) is refused here."""
    import warnings

    from PIL import Image

    # Pillow's own decompression-bomb check at our limit: past twice the limit it refuses to
    # open the file at all (DecompressionBombError); between the limit and twice it only
    # warns, and the size it read is checked below.
    Image.MAX_IMAGE_PIXELS = limits["max_image_pixels"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError as exc:
        raise Failure(
            "too_large", _detail(exc), reason="pixels", limit=limits["max_image_pixels"]
        ) from exc
    except MemoryError:
        raise
    except Exception as exc:
        raise Failure("damaged", _detail(exc)) from exc
    if width * height > limits["max_image_pixels"]:
        raise Failure(
            "too_large", reason="pixels", w=width, h=height, limit=limits["max_image_pixels"]
        )
    return ""


TEXT_PARSERS = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text}
