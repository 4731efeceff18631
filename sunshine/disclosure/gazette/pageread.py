"""Reading an uploaded gazette PDF page by page, Django-free: run in the bounded-extraction
worker (kernel.files.safe_extract.run_call), never in the web or task process (issue 12.1).

The text of a page comes from its text layer when it has one (born-digital), else by OCR of
the page image (a scan), offline with RapidOCR (`rapidocr-onnxruntime` ships its ONNX models;
nothing is downloaded). The page image is the one embedded in the page (pypdf `page.images`: a
scanned page is one image); when it cannot be decoded, the page is rendered with poppler's
pdftoppm if installed. An image whose declared size is past the pixel limit stops the reading
before it is decoded (Failure too_large/pixels).

OCR confuses the brackets of a 文号 (粤府〔2003]12号): the splitter normalises them
(docparse.normalize_doc_number)."""

import io
import logging
import re
import shutil
import subprocess  # nosec B404 (pdftoppm by absolute path, argument list, no shell)
import tempfile
import threading
from pathlib import Path

from sunshine.kernel.files.safe_extract.errors import Failure

logger = logging.getLogger(__name__)

MIN_TEXT_CHARS = 8  # a text layer shorter than this is no text layer (a scan's stray marks)
MAX_IMAGE_SIDE = 2400  # larger scans are scaled down before OCR (speed; 300 dpi A4 fits)
MIN_IMAGE_SIDE = 200  # smaller images are decorations, not the page
RENDER_DPI = 200
# PageSource values (choices.py is Django's; the worker sends plain strings)
BORN_DIGITAL, OCR, EMPTY = "born_digital", "ocr", "empty"

_engine = None
_engine_lock = threading.Lock()


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


def _limit_reached(exc: Exception) -> bool:
    """pypdf's own decompression limit (LimitReachedError: a stream that unpacks past tens of
    MB) was reached: a bomb, reported as such rather than read as an empty page."""
    return type(exc).__name__ == "LimitReachedError"


def _declared_images(page):
    """(name, width, height) of the image XObjects the page's resources declare, read from
    their dictionaries without decoding anything."""
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get_object().get("/XObject") or {}
        xobjects = xobjects.get_object()
    except Exception:  # a damaged resource dictionary: pypdf's own reading fails later
        return []
    found = []
    for name in list(xobjects.keys())[:1000]:
        try:
            xobject = xobjects[name].get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append(
                    (str(name), int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0)))
                )
        except Exception:  # nosec B112 (a damaged image entry is not counted; pypdf refuses it later)
            continue
    return found


def check_images(page, limits: dict) -> None:
    """Failure too_large/pixels when an image of the page declares more pixels than the limit."""
    limit = int(limits["max_image_pixels"])
    for _name, width, height in _declared_images(page):
        if width * height > limit:
            raise Failure("too_large", reason="pixels", w=width, h=height, limit=limit)


def _page_image(page, limits: dict):
    """The largest image drawn on the page, as a PIL image, or None. Pillow's
    decompression-bomb check is set to the platform's pixel limit too."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits["max_image_pixels"]
    check_images(page, limits)
    try:
        images = list(page.images)
    except MemoryError:
        raise
    except Exception as exc:  # pypdf cannot decode some filters (JBIG2, odd CCITT)
        if _limit_reached(exc):
            raise Failure("too_large", str(exc)[:200], reason="stream") from exc
        logger.info("gazette: page images unreadable: %r", exc)
        return None
    best, best_area = None, 0
    for item in images:
        try:
            image = item.image
        except MemoryError:
            raise
        except Exception as exc:
            if _limit_reached(exc):
                raise Failure("too_large", str(exc)[:200], reason="stream") from exc
            logger.info("gazette: page image %s undecodable: %r", item.name, exc)
            continue
        area = image.size[0] * image.size[1]
        if min(image.size) >= MIN_IMAGE_SIDE and area > best_area:
            best, best_area = image, area
    return best


def _render(data: bytes, number: int):
    """Render page `number` (1-based) with pdftoppm; None when poppler is not installed. It
    runs under this worker's limits (a child inherits RLIMIT_AS and RLIMIT_CPU)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        out = Path(folder) / "page"
        subprocess.run(  # nosec B603 (our own temporary names, no shell)
            [exe, "-f", str(number), "-l", str(number), "-r", str(RENDER_DPI), "-png", "-gray",
             "-singlefile", str(source), str(out)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        with Image.open(out.with_suffix(".png")) as image:
            return image.copy()


def open_reader(data: bytes, limits: dict):
    """A pypdf reader of the file; Failure encrypted, damaged or too_large/pages."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted and not reader.decrypt("")
        if not encrypted:
            count = len(reader.pages)
    except MemoryError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise Failure("damaged", str(exc)[:200]) from exc
    if encrypted:
        raise Failure("encrypted")
    limit = int(limits["max_pdf_pages"])
    if count > limit:
        raise Failure("too_large", reason="pages", n=count, limit=limit)
    return reader


def count_pages(data: bytes, limits: dict, progress, emit) -> int:
    """(run_call target) The number of pages, after the page limit and every page's declared
    image sizes are checked (nothing is decoded)."""
    reader = open_reader(data, limits)
    for i, page in enumerate(reader.pages):
        check_images(page, limits)
        if i % 100 == 99:
            progress(i + 1)
    return len(reader.pages)


def read_page(reader, data: bytes, number: int, limits: dict) -> dict:
    """The text of page `number` (1-based): its text layer, or OCR of its image."""
    page = reader.pages[number - 1]
    try:
        text = page.extract_text() or ""
    except MemoryError:
        raise
    except Exception as exc:  # a damaged content stream: try the image
        if _limit_reached(exc):
            raise Failure("too_large", str(exc)[:200], reason="stream") from exc
        logger.info("gazette: text layer of page %s unreadable: %r", number, exc)
        text = ""
    text = text.replace("\x00", "")[: int(limits["max_text_chars"])]
    if len(re.sub(r"\s+", "", text)) >= MIN_TEXT_CHARS:
        return {"number": number, "text": text, "source": BORN_DIGITAL, "confidence": None}
    image = _page_image(page, limits)
    if image is None:
        try:
            image = _render(data, number)
        except (OSError, subprocess.SubprocessError) as exc:
            logger.info("gazette: page %s could not be rendered: %r", number, exc)
            image = None
    if image is None:
        return {"number": number, "text": text.strip(), "source": EMPTY, "confidence": None}
    ocr_text, confidence = ocr_lines(image)
    if not ocr_text.strip():
        return {"number": number, "text": "", "source": EMPTY, "confidence": None}
    return {"number": number, "text": ocr_text, "source": OCR, "confidence": confidence}


def read_pages(data: bytes, limits: dict, progress, emit, numbers: list[int]) -> int:
    """(run_call target) Read the pages `numbers` in order and emit each one as soon as it is
    read ({"number", "text", "source", "confidence"}): the caller saves it at once."""
    reader = open_reader(data, limits)
    for number in numbers:
        emit(read_page(reader, data, number, limits))
        progress(number)
    return len(numbers)
