"""The kernel redaction engine applied to a `ReleasedFile`: its source bytes and redactions in,
page images and the released bytes out."""

from sunshine.kernel.redaction import Box
from sunshine.kernel.redaction import docx as docx_engine
from sunshine.kernel.redaction import pdf as pdf_engine

from .models import Redaction, ReleasedFile


def source_bytes(released_file: ReleasedFile) -> bytes:
    with released_file.source.open("rb") as fh:
        return fh.read()


def inspect(kind: str, data: bytes) -> int | None:
    """Check that the file can be redacted; the PDF's page count (None for DOCX)."""
    if kind == ReleasedFile.Kind.PDF:
        return len(pdf_engine.page_sizes(data))
    docx_engine.check_docx(data)
    return None


def occurrences(released_file: ReleasedFile, text: str, page: int | None = None) -> int:
    data = source_bytes(released_file)
    if released_file.kind == ReleasedFile.Kind.PDF:
        return pdf_engine.count_text(data, text, page)
    return docx_engine.count_text(data, text)


def pdf_boxes(released_file: ReleasedFile, data: bytes, redactions=None) -> list[Box]:
    """Every box to paint: the drawn boxes and the found boxes of each text redaction."""
    boxes: list[Box] = []
    texts_by_page: dict[int | None, list[str]] = {}
    for r in redactions if redactions is not None else released_file.redactions.all():
        if r.kind == Redaction.Kind.BOX:
            boxes.append(Box(r.page, r.x0, r.y0, r.x1, r.y1).normalised())
        else:
            texts_by_page.setdefault(r.page, []).append(r.text)
    # One run of the bounded worker per page scope, not one per text redaction.
    for page, texts in texts_by_page.items():
        for found in pdf_engine.find_texts(data, texts, page):
            boxes.extend(found)
    return boxes


def page_sizes(released_file: ReleasedFile) -> list[tuple[float, float]]:
    return pdf_engine.page_sizes(source_bytes(released_file))


def page_image(released_file: ReleasedFile, page: int, *, style: str, dpi: int = 96) -> bytes:
    """The page with its drawn boxes and the found boxes of the text redactions that apply to
    it, looked up on this page only, in the one worker run that renders it."""
    boxes, texts = [], []
    for r in released_file.redactions.all():
        if r.kind == Redaction.Kind.BOX:
            boxes.append(Box(r.page, r.x0, r.y0, r.x1, r.y1).normalised())
        elif r.page in (None, page):
            texts.append(r.text)
    data = source_bytes(released_file)
    return pdf_engine.render_page(data, page, boxes, dpi, style, texts=texts)


def produce(released_file: ReleasedFile) -> bytes:
    """The file as it will be released (flattened PDF / cleaned DOCX)."""
    data = source_bytes(released_file)
    redactions = list(released_file.redactions.all())
    if released_file.kind == ReleasedFile.Kind.PDF:
        return pdf_engine.redact_pdf(data, pdf_boxes(released_file, data, redactions))
    texts = [r.text for r in redactions if r.kind == Redaction.Kind.TEXT]
    return docx_engine.redact_docx(data, texts)
