"""Redaction of PDF and DOCX files for release (kernel mechanism, no domain knowledge).

- PDF (`pdf.py`): find the boxes of a text in the text layer; render pages; release by
  flattening every page to an image with the boxes painted black, in a new image-only PDF with
  no metadata.
- DOCX (`docx.py`): mask every occurrence of a text with "■" in every XML part, accept tracked
  changes, drop hidden text, comments, custom XML, glossary, embeddings, docProps and rsids.

Staff upload these files, so every parse runs where a decompression bomb can do no harm: the
engines (`pdf_engine.py`, `docx_engine.py`, Django-free) run inside the bounded-extraction
worker process of kernel/files/safe_extract (zip checks first, then RLIMIT_AS/CPU and a
wall-time kill, the limits of FILE_EXTRACT_LIMITS); `pdf.py` and `docx.py` are the calls from
the web or task process. Work limits of redaction itself: REDACTION_MAX_BYTES,
REDACTION_MAX_PAGES, REDACTION_DPI. A refusal is a `RedactionError` with a message for staff.

This package's __init__ imports nothing at import time (the worker imports the engines
without Django)."""

__all__ = ["Box", "RedactionError"]


def __getattr__(name):
    if name == "Box":
        from .box import Box

        return Box
    if name == "RedactionError":
        from .common import RedactionError

        return RedactionError
    raise AttributeError(name)
