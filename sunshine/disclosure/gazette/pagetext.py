"""The text of each page of an uploaded gazette PDF, read under the platform's bounded-extraction
limits (issue 12.1): the page count at upload and the page reading and OCR in the task both run
in the limited worker process (kernel.files.safe_extract.run_call of pageread.py, which holds
the reading itself); this process only receives the results, one page at a time.

OCR needs more memory than text extraction: RapidOCR (onnxruntime) fails under 1,024 MB of
address space, so the page reading runs with settings.GAZETTE_OCR_MEMORY_MB (2,048 MB by
default). Its time limit grows with the pages read in one run (PAGES_PER_RUN at most)."""

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

from sunshine.kernel.files.safe_extract.errors import Failure
from sunshine.kernel.files.safe_extract.limits import current_limits
from sunshine.kernel.files.safe_extract.runner import run_call, too_large_reason

from .pageread import ocr_lines  # noqa: F401 (the OCR helper; tests read released pages with it)
from .splitting import PageText

TARGET = "sunshine.disclosure.gazette.pageread"
PAGES_PER_RUN = 20  # pages read by one worker process (its OCR models load once a run)
SECONDS_PER_PAGE = 30  # wall time added to the limit per page of a run (OCR of a scan ≈ 3 s)
DEFAULT_OCR_MEMORY_MB = 2048


class PageReadError(Exception):
    """The PDF could not be read (damaged, encrypted, or past a limit); str(exc) is shown to
    staff."""


def _error(failure: Failure) -> Exception:
    if failure.code == "too_large":
        return PageReadError(
            _("文件过大：%(reason)s。") % {"reason": too_large_reason(failure.params)}
        )
    if failure.code == "encrypted":
        return PageReadError(_("PDF 文件已加密，无法读取。"))
    if failure.code == "damaged":
        return PageReadError(
            _("PDF 文件已损坏或格式不正确（%(detail)s）。") % {"detail": failure.detail[:200]}
        )
    # "crashed" and the like: not the file's fault for sure, the task retries
    return RuntimeError(f"gazette page reading failed: {failure.code} {failure.detail}")


def count_pages(data: bytes) -> int:
    """The number of pages of the PDF (its declared images checked too, nothing decoded);
    PageReadError when it is damaged, encrypted or past a limit."""
    try:
        count, _out = run_call(f"{TARGET}:count_pages", data, kind="pdf")
    except Failure as failure:
        raise _error(failure) from None
    return int(count)


def read_limits(pages: int) -> dict:
    """The worker's limits for reading `pages` pages with OCR."""
    base = current_limits()
    seconds = SECONDS_PER_PAGE * pages
    return {
        "memory_mb": int(getattr(settings, "GAZETTE_OCR_MEMORY_MB", DEFAULT_OCR_MEMORY_MB)),
        "wall_seconds": base["wall_seconds"] + seconds,
        "cpu_seconds": base["cpu_seconds"] + 2 * seconds,  # onnxruntime uses several threads
    }


def read_pages(data: bytes, numbers: list[int], on_page: Callable[[PageText], None]) -> None:
    """Read the pages `numbers` (1-based, in order) in the worker, PAGES_PER_RUN a run, and
    hand each to `on_page` as soon as it is read. PageReadError when the file is past a limit
    (pages, an image's pixels, the worker's memory or time) or damaged; the pages read before
    have been handed over."""

    def item(obj) -> None:
        on_page(PageText(obj["number"], obj["text"], obj["source"], obj["confidence"]))

    for start in range(0, len(numbers), PAGES_PER_RUN):
        batch = numbers[start : start + PAGES_PER_RUN]
        try:
            run_call(
                f"{TARGET}:read_pages",
                data,
                args={"numbers": batch},
                kind="pdf",
                limits=read_limits(len(batch)),
                on_item=item,
            )
        except Failure as failure:
            raise _error(failure) from None
