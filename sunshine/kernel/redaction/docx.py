"""DOCX redaction, called from the web or task process: each function runs the engine
(docx_engine.py, where the method is described) in the bounded worker process, after the zip
pre-check of kernel/files/safe_extract."""

from .common import RedactionError, _messages, call

__all__ = ["RedactionError", "check_docx", "count_text", "redact_docx"]


def check_docx(data: bytes) -> None:
    """Raise RedactionError if the package cannot be redacted (macros, encryption, damage,
    limits); every XML part is parsed once."""
    call("docx", "check", data)


def count_text(data: bytes, text: str) -> int:
    """How many times `text` occurs in the package (every XML part, hidden text and tracked
    changes included)."""
    if not text.strip():
        raise RedactionError(_messages()["text_required"])
    return call("docx", "count_text", data, args={"text": text})["count"]


def redact_docx(data: bytes, texts: list[str] = ()) -> bytes:
    """The cleaned package with every occurrence of each text masked."""
    return call("docx", "redact", data, args={"texts": list(texts)}, output=True)[1]
