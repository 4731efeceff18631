"""The text of each page of an uploaded gazette PDF: from its text layer when it has one
(born-digital), else by OCR of the page image (a scan), offline with RapidOCR
(`rapidocr-onnxruntime` ships its ONNX models; nothing is downloaded). The page image is the
one embedded in the page (pypdf `page.images`: a scanned page is one image); when it cannot be
decoded, the page is rendered with poppler's pdftoppm if installed.

OCR confuses the brackets of a 文号 (粤府〔2003]12号): the splitter normalises them
(docparse.normalize_doc_number)."""

import io
import logging
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from django.utils.translation import gettext as _

from sunshine.kernel.files.safe_extract.limits import current_limits

from .choices import PageSource
from .splitting import PageText

logger = logging.getLogger(__name__)

MIN_TEXT_CHARS = 8  # a text layer shorter than this is no text layer (a scan's stray marks)
MAX_IMAGE_SIDE = 2400  # larger scans are scaled down before OCR (speed; 300 dpi A4 fits)
MIN_IMAGE_SIDE = 200  # smaller images are decorations, not the page
RENDER_DPI = 200

_engine = None
_engine_lock = threading.Lock()


class PageReadError(Exception):
    """The page could not be read (damaged PDF); str(exc) is shown to staff."""


def ocr_engine():
    """One RapidOCR engine per process (about 0.6 s to load its models)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            _engine = RapidOCR()
    return _engine


def _center_y(box) -> float:
    return sum(point[1] for point in box) / len(box)


def _height(box) -> float:
    ys = [point[1] for point in box]
    return max(ys) - min(ys)


def ocr_lines(image) -> tuple[str, float | None]:
    """OCR a PIL image: its text, one visual line per line (boxes on the same baseline are
    joined left to right), and the mean confidence weighted by characters."""
    import numpy as np

    image = image.convert("RGB")
    if max(image.size) > MAX_IMAGE_SIDE:
        image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    result, _elapse = ocr_engine()(np.array(image))
    if not result:
        return "", None
    boxes = sorted(result, key=lambda r: _center_y(r[0]))
    lines: list[list] = []
    for box, text, score in boxes:
        cy, h = _center_y(box), max(_height(box), 1.0)
        if lines and abs(cy - lines[-1][0]) <= 0.5 * h:
            lines[-1][1].append((box[0][0], text, float(score)))
        else:
            lines.append([cy, [(box[0][0], text, float(score))]])
    text_lines, weighted, chars = [], 0.0, 0
    for _cy, parts in lines:
        parts.sort(key=lambda p: p[0])
        text_lines.append("".join(p[1] for p in parts))
        for _x, text, score in parts:
            weighted += score * len(text)
            chars += len(text)
    return "\n".join(text_lines), (round(weighted / chars, 4) if chars else None)


def _page_image(page):
    """The largest image drawn on the page, as a PIL image, or None. Pillow's
    decompression-bomb check is set to the platform's pixel limit: a giant image is skipped
    (then the page is rendered at a fixed resolution instead)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = current_limits()["max_image_pixels"]
    try:
        images = list(page.images)
    except Exception as exc:  # pypdf cannot decode some filters (JBIG2, odd CCITT)
        logger.info("gazette: page images unreadable: %r", exc)
        return None
    best, best_area = None, 0
    for item in images:
        try:
            image = item.image
        except Exception as exc:
            logger.info("gazette: page image %s undecodable: %r", item.name, exc)
            continue
        area = image.size[0] * image.size[1]
        if min(image.size) >= MIN_IMAGE_SIDE and area > best_area:
            best, best_area = image, area
    return best


def _render(data: bytes, number: int):
    """Render page `number` (1-based) with pdftoppm; None when poppler is not installed."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        out = Path(folder) / "page"
        subprocess.run(
            [exe, "-f", str(number), "-l", str(number), "-r", str(RENDER_DPI), "-png", "-gray",
             "-singlefile", str(source), str(out)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        with Image.open(out.with_suffix(".png")) as image:
            return image.copy()


def open_pdf(data: bytes):
    """A pypdf reader of the file; PageReadError when it is encrypted or damaged."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted and not reader.decrypt("")
        if not encrypted:
            len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise PageReadError(
            _("PDF 文件已损坏或格式不正确（%(detail)s）。") % {"detail": str(exc)[:200]}
        ) from exc
    if encrypted:
        raise PageReadError(_("PDF 文件已加密，无法读取。"))
    # The same page limit as every other PDF read by the platform (bounded extraction).
    limit = current_limits()["max_pdf_pages"]
    if len(reader.pages) > limit:
        raise PageReadError(
            _("文件过大：共 %(n)s 页，超过上限 %(limit)s 页。")
            % {"n": len(reader.pages), "limit": limit}
        )
    return reader


def read_page(reader, data: bytes, number: int) -> PageText:
    """The text of page `number` (1-based): its text layer, or OCR of its image."""
    page = reader.pages[number - 1]
    try:
        text = page.extract_text() or ""
    except Exception as exc:  # a damaged content stream: try the image
        logger.info("gazette: text layer of page %s unreadable: %r", number, exc)
        text = ""
    text = text.replace("\x00", "")
    if len(re.sub(r"\s+", "", text)) >= MIN_TEXT_CHARS:
        return PageText(number, text, PageSource.BORN_DIGITAL)
    image = _page_image(page)
    if image is None:
        try:
            image = _render(data, number)
        except (OSError, subprocess.SubprocessError) as exc:
            logger.info("gazette: page %s could not be rendered: %r", number, exc)
            image = None
    if image is None:
        return PageText(number, text.strip(), PageSource.EMPTY)
    ocr_text, confidence = ocr_lines(image)
    if not ocr_text.strip():
        return PageText(number, "", PageSource.EMPTY)
    return PageText(number, ocr_text, PageSource.OCR, confidence)
