"""PDF redaction by flattening (pypdfium2 + Pillow; no domain knowledge). Django-free: it runs
inside the bounded-extraction worker process (kernel/files/safe_extract), called through
pdf.py; a refusal is a Failure("redaction", key=…) that the parent words (messages.py).

- `find_text(data, text, page=None)`: the boxes of every occurrence of `text` in the text layer,
  one box per line of each occurrence. Matching ignores white space and line breaks (a phrase
  wrapped over two lines is found) and compares NFKC-normalised, case-folded text (full-width
  Latin, Kangxi radicals that some CJK fonts map to, upper/lower case).
- `render_page(data, page, boxes, dpi, style)`: one page as a PNG, the boxes painted solid
  black ("solid", what will be released) or outlined in red ("outline", for the officer).
- `redact_pdf(data, boxes, dpi)`: the released file. Every page is rendered to an image, the
  boxes are painted black over the pixels, and a new PDF is written by hand holding only
  those images: no text layer, fonts, metadata (no Info dictionary, no XMP), attachments,
  annotations, forms, JavaScript, outlines or earlier revisions of the source can survive.
  The trade-off: the released file has no selectable text and is larger than the source.

Coordinates are PDF points with the origin at the top-left corner of the page's crop box, in
the page's unrotated space (as pdfplumber gives them). A page with /Rotate is worked on
unrotated and turned back when released. Annotations and form fields are not drawn (their
text is not in the text layer, so it could not be found and redacted)."""

import io
import math
import threading
import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import ImageDraw

from sunshine.kernel.files.safe_extract.errors import Failure

from .box import Box


def refuse(key: str, **params) -> Failure:
    return Failure("redaction", key, key=key, **params)


# PDFium is not thread-safe: one document operation at a time per process.
_LOCK = threading.RLock()
PAD = 0.6  # points added around each found character box
JPEG_QUALITY = 80


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _needle(text: str) -> str:
    return "".join(c for c in _norm(text) if not c.isspace())


class _Doc:
    """An opened source PDF with its limits checked; every page is set to rotation 0."""

    def __init__(self, data: bytes, max_pages: int):
        try:
            self.pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise refuse("pdf_encrypted") from exc
            raise refuse("pdf_damaged") from exc
        self.count = len(self.pdf)
        if self.count == 0:
            self.close()
            raise refuse("pdf_empty")
        if self.count > max_pages:
            self.close()
            raise refuse("pdf_pages", count=self.count, limit=max_pages)

    def close(self) -> None:
        self.pdf.close()

    def page(self, number: int):
        """(page, its original rotation) with the page unrotated; number is 1-based."""
        if not 1 <= number <= self.count:
            raise refuse("page_missing", page=number, count=self.count)
        page = self.pdf[number - 1]
        rotation = page.get_rotation()
        if rotation:
            page.set_rotation(0)
        return page, rotation


def page_sizes(data: bytes, max_pages: int) -> list[tuple[float, float]]:
    """(width, height) in points of each page's crop box, unrotated."""
    with _LOCK:
        doc = _Doc(data, max_pages)
        try:
            sizes = []
            for number in range(1, doc.count + 1):
                page, _rotation = doc.page(number)
                left, bottom, right, top = page.get_cropbox()
                sizes.append((right - left, top - bottom))
                page.close()
            return sizes
        finally:
            doc.close()


def _page_matches(page, needle: str, number: int) -> list[list[Box]]:
    """The boxes of each occurrence (one per line it spans)."""
    textpage = page.get_textpage()
    try:
        chars: list[str] = []
        index: list[int] = []
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
            if not code:
                continue
            for c in _norm(chr(code)):
                if c.isspace() or unicodedata.category(c) == "Cc":
                    continue
                chars.append(c)
                index.append(i)
        hay = "".join(chars)
        left, _bottom, _right, top = page.get_cropbox()
        matches: list[list[Box]] = []
        start = hay.find(needle)
        while start != -1:
            seen: list[int] = []
            for i in index[start : start + len(needle)]:
                if not seen or seen[-1] != i:
                    seen.append(i)
            rects = []
            for i in seen:
                x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)
                rects.append((x0 - left, top - y1, x1 - left, top - y0))
            matches.append(_merge_lines(rects, number))
            start = hay.find(needle, start + 1)
        return matches
    finally:
        textpage.close()


def _merge_lines(rects, number: int) -> list[Box]:
    """One box per visual line: consecutive characters whose vertical spans overlap."""
    out: list[list[float]] = []
    for x0, y0, x1, y1 in rects:
        if out:
            cur = out[-1]
            overlap = min(cur[3], y1) - max(cur[1], y0)
            if overlap > 0.5 * min(cur[3] - cur[1], y1 - y0):
                out[-1] = [min(cur[0], x0), min(cur[1], y0), max(cur[2], x1), max(cur[3], y1)]
                continue
        out.append([x0, y0, x1, y1])
    return [Box(number, x0 - PAD, y0 - PAD, x1 + PAD, y1 + PAD) for x0, y0, x1, y1 in out]


def _matches(data: bytes, text: str, page: int | None, max_pages: int) -> list[list[Box]]:
    needle = _needle(text)
    if not needle:
        raise refuse("text_required")
    with _LOCK:
        doc = _Doc(data, max_pages)
        try:
            numbers = [page] if page else range(1, doc.count + 1)
            matches: list[list[Box]] = []
            for number in numbers:
                pdf_page, _rotation = doc.page(number)
                try:
                    matches.extend(_page_matches(pdf_page, needle, number))
                finally:
                    pdf_page.close()
            return matches
        finally:
            doc.close()


def find_text(data: bytes, text: str, page: int | None, max_pages: int) -> list[Box]:
    """Every occurrence of `text` in the text layer (all pages, or one), as boxes."""
    return [box for match in _matches(data, text, page, max_pages) for box in match]


def count_text(data: bytes, text: str, page: int | None, max_pages: int) -> int:
    """How many times `text` occurs in the text layer."""
    return len(_matches(data, text, page, max_pages))


def _render(doc: _Doc, number: int, boxes: list[Box], dpi: int, style: str, max_pixels: int):
    page, rotation = doc.page(number)
    try:
        scale = dpi / 72
        # The bitmap is width × height × 4 bytes: a page of absurd size is a memory bomb.
        width, height = page.get_size()
        pixels = int(width * scale) * int(height * scale)
        if pixels > max_pixels:
            raise Failure("too_large", reason="pixels", w=int(width * scale),
                          h=int(height * scale), limit=max_pixels)  # fmt: skip
        bitmap = page.render(scale=scale, may_draw_forms=False, draw_annots=False)
        image = bitmap.to_pil().convert("RGB")
    finally:
        page.close()
    draw = ImageDraw.Draw(image, "RGBA")
    for box in boxes:
        if box.page != number:
            continue
        b = box.normalised()
        rect = (
            math.floor(b.x0 * scale),
            math.floor(b.y0 * scale),
            math.ceil(b.x1 * scale),
            math.ceil(b.y1 * scale),
        )
        if style == "solid":
            draw.rectangle(rect, fill=(0, 0, 0, 255))
        else:
            draw.rectangle(rect, fill=(220, 0, 0, 70), outline=(220, 0, 0, 255), width=2)
    return image, rotation


def render_page(
    data: bytes, page: int, boxes: list[Box], dpi: int, style: str, max_pages: int,
    max_pixels: int, texts: list[str] = (),
) -> bytes:  # fmt: skip
    """One page (unrotated) as PNG with the boxes painted, and the boxes of every occurrence
    of each of `texts` on that page (found in the same opened document)."""
    with _LOCK:
        doc = _Doc(data, max_pages)
        try:
            boxes = list(boxes)
            needles = [n for n in (_needle(t) for t in texts) if n]
            if needles:
                pdf_page, _rotation = doc.page(page)
                try:
                    for needle in needles:
                        for match in _page_matches(pdf_page, needle, page):
                            boxes.extend(match)
                finally:
                    pdf_page.close()
            image, _rotation = _render(doc, page, boxes, dpi, style, max_pixels)
        finally:
            doc.close()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def redact_pdf(
    data: bytes, boxes: list[Box], dpi: int, max_pages: int, max_pixels: int, out, progress
) -> None:
    """Write to `out` the flattened, image-only PDF with the boxes painted black. Same page
    count and page sizes as the source; nothing else of the source is carried over."""
    boxes = list(boxes)
    writer = _ImagePdfWriter(out)
    with _LOCK:
        doc = _Doc(data, max_pages)
        try:
            for box in boxes:
                doc.page(box.page)[0].close()  # every box on a page that exists
            for number in range(1, doc.count + 1):
                image, rotation = _render(doc, number, boxes, dpi, "solid", max_pixels)
                if rotation:
                    image = image.rotate(-rotation, expand=True)  # clockwise, as /Rotate
                jpeg = io.BytesIO()
                image.save(jpeg, "JPEG", quality=JPEG_QUALITY)
                writer.add_page(
                    jpeg.getvalue(),
                    image.width,
                    image.height,
                    image.width * 72 / dpi,
                    image.height * 72 / dpi,
                )
                image.close()
                progress(number)
        finally:
            doc.close()
    writer.finish()


class _ImagePdfWriter:
    """A minimal PDF 1.4 of full-page JPEG images, written by hand so that nothing but the
    pages goes in: a catalog, a page tree, and per page a content stream and an image. No
    Info dictionary, no XMP, no /ID."""

    def __init__(self, out):
        self.out = out
        self.start = out.tell()
        self.offsets: dict[int, int] = {}
        self.kids: list[int] = []
        self.out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        self.next_id = 3  # 1: catalog, 2: page tree

    def _object(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[number] = self.out.tell() - self.start
        self.out.write(b"%d 0 obj\n" % number)
        self.out.write(body)
        if stream is not None:
            self.out.write(b"\nstream\n")
            self.out.write(stream)
            self.out.write(b"\nendstream")
        self.out.write(b"\nendobj\n")

    def add_page(self, jpeg: bytes, px_w: int, px_h: int, w_pt: float, h_pt: float) -> None:
        page, content, image = self.next_id, self.next_id + 1, self.next_id + 2
        self.next_id += 3
        w, h = f"{w_pt:.3f}".encode(), f"{h_pt:.3f}".encode()
        self._object(
            image,
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB"
            b" /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>" % (px_w, px_h, len(jpeg)),
            jpeg,
        )
        ops = b"q " + w + b" 0 0 " + h + b" 0 0 cm /Im0 Do Q"
        self._object(content, b"<< /Length %d >>" % len(ops), ops)
        self._object(
            page,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "
            + w
            + b" "
            + h
            + b"] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
            % (image, content),
        )
        self.kids.append(page)

    def finish(self) -> None:
        kids = b" ".join(b"%d 0 R" % k for k in self.kids)
        self._object(2, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(self.kids))
        self._object(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        size = self.next_id
        xref = self.out.tell() - self.start
        self.out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            self.out.write(b"%010d 00000 n \n" % self.offsets[number])
        self.out.write(
            b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
        )


# --- Entry points of the worker process (safe_extract `call`) ------------------------------


def _boxes(raw) -> list[Box]:
    return [Box(*b) for b in raw or ()]


def _box_list(boxes: list[Box]) -> list[list]:
    return [[b.page, b.x0, b.y0, b.x1, b.y1] for b in boxes]


def op_page_sizes(data, limits, progress, emit, *, max_pages):
    return {"sizes": page_sizes(data, max_pages)}


def op_find_text(data, limits, progress, emit, *, texts, page, max_pages):
    """The boxes of each text (a list of lists, in the order of `texts`)."""
    return {"boxes": [_box_list(find_text(data, t, page, max_pages)) for t in texts]}


def op_count_text(data, limits, progress, emit, *, text, page, max_pages):
    return {"count": count_text(data, text, page, max_pages)}


def op_render_page(
    data, limits, progress, emit, *, page, boxes, dpi, style, max_pages, out, texts=()
):
    out.write(render_page(data, page, _boxes(boxes), dpi, style, max_pages,
                          limits["max_image_pixels"], texts))  # fmt: skip
    return {}


def op_redact(data, limits, progress, emit, *, boxes, dpi, max_pages, out):
    redact_pdf(data, _boxes(boxes), dpi, max_pages, limits["max_image_pixels"], out, progress)
    return {}
