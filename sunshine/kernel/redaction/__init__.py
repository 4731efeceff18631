"""Redaction of PDF and DOCX files for release (kernel mechanism, no domain knowledge).

- PDF (`pdf.py`): find the boxes of a text in the text layer; render pages; release by
  flattening every page to an image with the boxes painted black, in a new image-only PDF with
  no metadata.
- DOCX (`docx.py`): mask every occurrence of a text with "■" in every XML part, accept tracked
  changes, drop hidden text, comments, custom XML, glossary, embeddings, docProps and rsids.

Both bound the work (REDACTION_MAX_BYTES, REDACTION_MAX_PAGES, REDACTION_MAX_UNPACKED_BYTES,
REDACTION_MAX_PARTS, REDACTION_DPI settings) and raise `RedactionError` with a message for
staff."""

from .common import Box, RedactionError

__all__ = ["Box", "RedactionError"]
