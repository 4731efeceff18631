"""Every way a text can hide in a PDF: what a reader extracts, the raw bytes in UTF-8, UTF-16BE
(as a PDF text string or its hex form <FEFF…>), the document info and XMP metadata."""

import io

from pypdf import PdfReader


def pdf_forms(text: str) -> list[bytes]:
    utf16 = text.encode("utf-16-be")
    return [
        text.encode("utf-8"),
        text.encode("gb18030"),
        utf16,
        utf16.hex().encode(),
        utf16.hex().upper().encode(),
        b"\xfe\xff" + utf16,
    ]


def pdf_leaks(data: bytes, text: str) -> list[str]:
    """Where `text` is found in the PDF (an empty list proves it absent)."""
    found = []
    raw = data
    for form in pdf_forms(text):
        if form in raw:
            found.append(f"raw bytes {form[:12]!r}")
    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, 1):
        if text in "".join((page.extract_text() or "").split()):
            found.append(f"text of page {number}")
    if reader.metadata and text in repr(dict(reader.metadata)):
        found.append("info dictionary")
    if reader.xmp_metadata is not None:
        found.append("XMP packet present")
    return found
