"""PDF redaction, called from the web or task process: each function runs the engine
(pdf_engine.py, where the method is described) in the bounded worker process."""

import math

from .common import PAGES_PER_TIME_LIMIT, Box, RedactionError, call, max_pages, release_dpi

__all__ = ["Box", "RedactionError", "count_text", "find_text", "page_sizes", "redact_pdf",
           "render_page"]  # fmt: skip


def _box(raw) -> Box:
    return Box(*raw)


def _raw(boxes) -> list[list]:
    return [[b.page, b.x0, b.y0, b.x1, b.y1] for b in boxes]


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of each page's crop box, unrotated."""
    result = call("pdf", "page_sizes", data, args={"max_pages": max_pages()})
    return [tuple(size) for size in result["sizes"]]


def find_texts(data: bytes, texts: list[str], page: int | None = None) -> list[list[Box]]:
    """The boxes of each text in the text layer (all pages, or one): one worker run for all."""
    args = {"texts": list(texts), "page": page, "max_pages": max_pages()}
    return [
        [_box(b) for b in boxes] for boxes in call("pdf", "find_text", data, args=args)["boxes"]
    ]


def find_text(data: bytes, text: str, page: int | None = None) -> list[Box]:
    """Every occurrence of `text` in the text layer (all pages, or one), as boxes."""
    return find_texts(data, [text], page)[0]


def count_text(data: bytes, text: str, page: int | None = None) -> int:
    """How many times `text` occurs in the text layer."""
    args = {"text": text, "page": page, "max_pages": max_pages()}
    return call("pdf", "count_text", data, args=args)["count"]


def render_page(
    data: bytes,
    page: int,
    boxes: list[Box] = (),
    dpi: int = 96,
    style: str = "outline",
    texts: list[str] = (),
) -> bytes:
    """One page (unrotated) as PNG with the boxes painted, and every occurrence on that page
    of each of `texts` (looked up in the same worker run: one process per page image)."""
    args = {"page": page, "boxes": _raw(boxes), "dpi": dpi, "style": style,
            "max_pages": max_pages(), "texts": list(texts)}  # fmt: skip
    return call("pdf", "render_page", data, args=args, output=True)[1]


def redact_pdf(data: bytes, boxes: list[Box] = (), dpi: int | None = None) -> bytes:
    """The flattened, image-only PDF with the boxes painted black. Same page count and page
    sizes as the source; nothing else of the source is carried over. Rendering every page
    may take the worker's time limits once per PAGES_PER_TIME_LIMIT pages."""
    pages = len(page_sizes(data))
    args = {"boxes": _raw(boxes), "dpi": dpi or release_dpi(), "max_pages": max_pages()}
    scale = max(1, math.ceil(pages / PAGES_PER_TIME_LIMIT))
    return call("pdf", "redact", data, args=args, output=True, time_scale=scale)[1]
