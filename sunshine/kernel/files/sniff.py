"""What an uploaded file really is, decided by its content (magic bytes and structure), never
by its name: PDF, DOCX, XLSX, plain text (UTF-8 or GB18030), PNG, JPEG, GIF, WEBP. Anything
else is refused, and so is a name whose extension contradicts the content (a ".pdf" that is a
zip). No python-magic: the few formats we take are easy to recognise.

`check_upload(f)` raises ValidationError with a clear Chinese message, or returns what the
file is (with its size and SHA-256, read once)."""

import codecs
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import Kind
from .safe_extract.errors import Failure
from .safe_extract.limits import current_limits
from .safe_extract.runner import too_large_reason
from .safe_extract.zipcheck import check_end_record

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

MIME_TYPES = {
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Kind.TXT: "text/plain",
    Kind.PNG: "image/png",
    Kind.JPEG: "image/jpeg",
    Kind.GIF: "image/gif",
    Kind.WEBP: "image/webp",
}
EXTENSIONS = {
    Kind.PDF: (".pdf",),
    Kind.DOCX: (".docx",),
    Kind.XLSX: (".xlsx",),
    Kind.TXT: (".txt",),
    Kind.PNG: (".png",),
    Kind.JPEG: (".jpg", ".jpeg", ".jpe", ".jfif"),
    Kind.GIF: (".gif",),
    Kind.WEBP: (".webp",),
}
KNOWN_EXTENSIONS = {ext for exts in EXTENSIONS.values() for ext in exts}
# Control characters a text file never contains (tab, newlines, form feed, ^Z are allowed).
_FORBIDDEN_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_PDF_HEADER = re.compile(rb"%PDF-\d")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc / .xls / .ppt (Office 97-2003)


@dataclass(frozen=True)
class SniffResult:
    kind: str  # a Kind value
    mime_type: str
    size: int
    sha256: str
    encoding: str = ""  # for text: "utf-8" or "gb18030"

    @property
    def extension(self) -> str:
        """The canonical extension for this kind (".pdf")."""
        return EXTENSIONS[self.kind][0]

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)


def max_upload_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _unsupported() -> ValidationError:
    return ValidationError(
        _("不支持的文件类型：只接受 PDF、DOCX、XLSX、TXT 文档和 PNG、JPEG、GIF、WEBP 图片。"),
        code="unsupported_type",
    )


def _zip_kind(fileobj) -> str:
    """DOCX or XLSX by their parts. A damaged zip (no central directory) is recognised by the
    part names in its local headers, so that it is stored and its extraction fails with a
    clear message instead of the upload being refused as an unknown type.

    The end record's part count and directory size are checked first (issue 12.1): zipfile
    makes an object of every directory entry, and a 40 MB upload of 450,000 empty parts took
    10 s and 233 MB of the request before it was refused."""
    try:
        check_end_record(fileobj, current_limits())
    except Failure as failure:
        raise ValidationError(
            _("压缩文件过大，不能上传：%(reason)s。")
            % {"reason": too_large_reason(failure.params)},
            code="too_large",
        ) from None
    finally:
        fileobj.seek(0)
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        fileobj.seek(0)
        raw = fileobj.read()
        names = {
            name
            for name in ("[Content_Types].xml", "word/document.xml", "xl/workbook.xml")
            if name.encode() in raw
        }
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return Kind.DOCX
        if "xl/workbook.xml" in names:
            return Kind.XLSX
    raise ValidationError(
        _("该压缩文件不是 DOCX 或 XLSX 文档，不支持上传。"), code="unsupported_type"
    )


def _text_encoding(fileobj) -> str | None:
    """ "utf-8" or "gb18030" if the whole file decodes strictly as that and holds no NUL or
    other control characters (which binary files always do); else None."""
    for encoding in ("utf-8-sig", "gb18030"):
        fileobj.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        try:
            while chunk := fileobj.read(1 << 16):
                if b"\x00" in chunk:
                    return None
                text = decoder.decode(chunk)
                if _FORBIDDEN_CONTROL.search(text):
                    return None
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return "utf-8" if encoding == "utf-8-sig" else encoding
    return None


def sniff_kind(fileobj) -> tuple[str, str]:
    """(kind, text encoding) of a seekable binary file, or ValidationError."""
    fileobj.seek(0)
    head = fileobj.read(1024)
    if _PDF_HEADER.search(head):  # the header may follow a little junk (readers accept 1 KB)
        return Kind.PDF, ""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG, ""
    if head.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG, ""
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return Kind.GIF, ""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind.WEBP, ""
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(fileobj), ""
    if head.startswith(_OLE_MAGIC):
        raise ValidationError(
            _("不支持旧版 Word/Excel 格式（.doc/.xls），请另存为 DOCX 或 XLSX 后再上传。"),
            code="unsupported_type",
        )
    encoding = _text_encoding(fileobj)
    if encoding:
        return Kind.TXT, encoding
    raise _unsupported()


def _extension(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def check_upload(uploaded_file) -> SniffResult:
    """Size, type by content, and the name's extension against the content. Raises
    ValidationError (before anything is saved) or returns the SniffResult."""
    f = uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file)
    size = f.size
    if not size:
        raise ValidationError(_("文件为空。"), code="empty")
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("文件过大（%(size)s），单个附件不能超过 %(limit)s。")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    fileobj = f.file if hasattr(f.file, "seek") else io.BytesIO(f.read())
    kind, encoding = sniff_kind(fileobj)
    ext = _extension(f.name or "")
    if ext and ext not in EXTENSIONS[kind]:
        label = Kind(kind).label
        if ext in KNOWN_EXTENSIONS:
            message = _("文件扩展名“%(ext)s”与文件内容（%(kind)s）不符，请检查文件。")
        else:
            message = _("不支持扩展名为“%(ext)s”的文件（文件内容为%(kind)s）。")
        raise ValidationError(message % {"ext": ext, "kind": label}, code="extension_mismatch")
    digest = hashlib.sha256()
    fileobj.seek(0)
    while chunk := fileobj.read(1 << 20):
        digest.update(chunk)
    fileobj.seek(0)
    return SniffResult(
        kind=kind,
        mime_type=MIME_TYPES[kind],
        size=size,
        sha256=digest.hexdigest(),
        encoding=encoding,
    )
