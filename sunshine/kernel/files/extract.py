"""Text out of stored files, as pure functions on bytes (no database).

- `extract_raw_text(kind, data)`: the text as the format gives it: PDF lines as pypdf lays them
  out (visual line breaks, page numbers still there; a line that starts indented, such as a
  paragraph's first line, begins with two spaces), DOCX paragraphs and table rows, XLSX
  cell text, decoded TXT; images give "" (OCR comes later). Raises ExtractionError with a
  clear Chinese message when the file is damaged, and its subclass TooLargeError when a
  limit of bounded extraction is reached (a decompression bomb: safe_extract). Document
  parsers (docparse) start here.
- `clean_text(kind, raw)`: the text kept for search: page-number lines dropped and PDF
  visual line breaks inside CJK text joined.
- `join_cjk_lines`, `is_page_number_line`, `drop_page_number_lines`: the helpers."""

import logging
import re

from django.utils.translation import gettext as _

from .models import IMAGE_KINDS, Kind
from .safe_extract.runner import ExtractionError, TooLargeError
from .safe_extract.runner import extract_text as bounded_extract_text

__all__ = ["ExtractionError", "TooLargeError", "clean_text", "extract_raw_text", "read_document"]

logger = logging.getLogger(__name__)


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
# PDF, DOCX and XLSX are parsed (and images' headers read) in a separate, resource-limited
# process: safe_extract. TXT is decoded here (its size is the upload limit).


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
    if kind == Kind.TXT:
        return decode_text(data)
    if kind in (Kind.PDF, Kind.DOCX, Kind.XLSX) or kind in IMAGE_KINDS:
        return bounded_extract_text(str(kind), data)  # images: "" (no OCR yet), header checked
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
