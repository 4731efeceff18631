"""What the PDF and DOCX engines share: the error, a box, and the limits on the work."""

from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 500
# A DOCX is a zip: refuse one that unpacks to more than this (zip bombs), or whose parts
# claim more than this ratio of unpacked to packed size.
DEFAULT_MAX_UNPACKED_BYTES = 300 * 1024 * 1024
DEFAULT_MAX_PARTS = 2000
MAX_COMPRESSION_RATIO = 200
DEFAULT_DPI = 150


class RedactionError(Exception):
    """A file that cannot be redacted safely; str(exc) is the message shown to staff."""


@dataclass(frozen=True)
class Box:
    """A rectangle on a PDF page (1-based) in PDF points, origin at the top-left corner of the
    page's crop box, unrotated (as pdfplumber gives x0, top, x1, bottom)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def normalised(self) -> "Box":
        return Box(
            self.page,
            min(self.x0, self.x1),
            min(self.y0, self.y1),
            max(self.x0, self.x1),
            max(self.y0, self.y1),
        )


def max_bytes() -> int:
    return int(getattr(settings, "REDACTION_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_pages() -> int:
    return int(getattr(settings, "REDACTION_MAX_PAGES", DEFAULT_MAX_PAGES))


def max_unpacked_bytes() -> int:
    return int(getattr(settings, "REDACTION_MAX_UNPACKED_BYTES", DEFAULT_MAX_UNPACKED_BYTES))


def max_parts() -> int:
    return int(getattr(settings, "REDACTION_MAX_PARTS", DEFAULT_MAX_PARTS))


def release_dpi() -> int:
    return int(getattr(settings, "REDACTION_DPI", DEFAULT_DPI))


def check_size(data: bytes) -> None:
    if not data:
        raise RedactionError(_("文件为空。"))
    if len(data) > max_bytes():
        raise RedactionError(
            _("文件过大（%(size)s），不能超过 %(limit)s。")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(max_bytes())}
        )
