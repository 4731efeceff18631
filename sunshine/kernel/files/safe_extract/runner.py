"""The parent side of bounded extraction (see the package docstring)."""

import io
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import Failure
from .limits import current_limits
from .zipcheck import check_directory, count_sheet_rows

logger = logging.getLogger(__name__)

WORKER = "sunshine.kernel.files.safe_extract.worker"
ZIP_KINDS = {"docx", "xlsx"}
_ROOT = str(Path(__file__).resolve().parents[4])  # the directory that holds `sunshine/`


class ExtractionError(Exception):
    """A file whose content cannot be read; str(exc) is the message shown to staff."""


class TooLargeError(ExtractionError):
    """A limit was reached (size, parts, elements, pages, pixels, memory, time): the file is
    kept, its text is not extracted. `reason` names the limit (a code), `limit_text` says it
    in words ("解压后共 900.0 MB，超过上限 200.0 MB")."""

    def __init__(self, message: str, reason: str = "", limit_text: str = ""):
        super().__init__(message)
        self.reason, self.limit_text = reason, limit_text
        self.worker_peak_mb: int | None = None  # the worker's peak RSS when it stopped


class TooManyRowsError(ExtractionError):
    """A sheet has more rows than the caller accepts; `limit` is that number."""

    def __init__(self, message: str, limit: int):
        super().__init__(message)
        self.limit = limit


def _too_large_reason(params: dict) -> str:
    reason = params.get("reason", "")
    limit = params.get("limit")
    if reason == "unpacked":
        return _("解压后共 %(size)s，超过上限 %(limit)s") % {
            "size": filesizeformat(params.get("size", 0)),
            "limit": filesizeformat(limit),
        }
    if reason == "parts":
        return _("压缩包内有 %(n)s 个部件，超过上限 %(limit)s 个") % params
    if reason == "directory":
        return _("压缩包目录为 %(size)s，超过上限 %(limit)s") % {
            "size": filesizeformat(params.get("size", 0)),
            "limit": filesizeformat(limit),
        }
    if reason == "ratio":
        return _("部件“%(name)s”的压缩比为 %(ratio)s 倍，超过上限 %(limit)s 倍") % params
    if reason == "elements":
        return _("文档的 XML 元素超过 %(limit)s 个") % params
    if reason == "pages":
        return _("共 %(n)s 页，超过上限 %(limit)s 页") % params
    if reason == "pixels":
        if params.get("w"):
            return _("图片为 %(w)s×%(h)s 像素，超过上限 %(limit)s 像素") % params
        return _("图片像素超过上限 %(limit)s 像素") % params
    if reason == "stream":
        return _("PDF 内容流解压后过大")
    if reason == "xml":
        return _("文档结构过大或嵌套过深")
    if reason == "memory":
        return _("读取所需内存超过上限 %(limit)s MB") % params
    if reason == "cpu":
        return _("读取所用 CPU 时间超过上限 %(limit)s 秒") % params
    if reason == "time":
        return _("读取时间超过上限 %(limit)s 秒") % params
    return _("超过处理上限")


def too_large_error(params: dict) -> "TooLargeError":
    reason = _too_large_reason(params)
    message = _("文件过大，未提取文字：%(reason)s。") % {"reason": reason}
    error = TooLargeError(message, params.get("reason", ""), reason)
    error.worker_peak_mb = params.get("peak_rss_mb")
    return error


def _error_for(kind: str, failure: Failure) -> ExtractionError:
    code, params = failure.code, failure.params
    detail = failure.detail or code
    if code == "too_large":
        return too_large_error(params)
    if code == "too_many_rows":
        message = _("表格超过 %(limit)s 行，超过了导入上限。请分成多个文件导入。") % params
        return TooManyRowsError(message, params["limit"])
    if code == "encrypted":
        return ExtractionError(_("PDF 文件已加密，无法提取文字。"))
    if code == "unsupported":
        return ExtractionError(_("不支持提取该类型文件的文字。"))
    if code == "crashed":
        return ExtractionError(_("提取文字时出错：%(detail)s") % {"detail": detail[:200]})
    if code == "damaged_content":
        return ExtractionError(
            _("XLSX 文件已损坏，无法读取全部内容（%(detail)s）。") % {"detail": detail}
        )
    messages = {
        "pdf": _("PDF 文件已损坏或格式不正确，无法提取文字（%(detail)s）。"),
        "docx": _("DOCX 文件已损坏或不是有效的 Word 文档，无法提取文字（%(detail)s）。"),
        "xlsx": _("XLSX 文件已损坏或不是有效的 Excel 表格，无法提取文字（%(detail)s）。"),
    }
    message = messages.get(kind, _("图片文件已损坏，无法读取（%(detail)s）。"))
    return ExtractionError(message % {"detail": detail})


def _env() -> dict:
    """A minimal environment: the worker parses untrusted files, so it gets none of the
    settings' secrets (SECRET_KEY, DATABASE_URL, …) that the parent's environment holds."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": _ROOT,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "LANG": "C.UTF-8",
        "TMPDIR": tempfile.gettempdir(),
    }


def _run_worker(request: dict, data: bytes, limits: dict, progress, on_item=None) -> dict:
    """Run the worker on `data`; its result dict, or raise Failure. `on_item(obj)` receives
    each item the worker sends while it works (op "call")."""
    with (
        tempfile.NamedTemporaryFile(prefix="sunshine-extract-", suffix=".bin") as source,
        tempfile.TemporaryFile() as errors,
    ):
        source.write(data)
        source.flush()
        request = {**request, "path": source.name, "limits": limits}
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-s", "-m", WORKER, json.dumps(request)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_env(),
            close_fds=True,
        )
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(limits["wall_seconds"], kill)
        timer.daemon = True
        timer.start()
        result_line = b""
        try:
            for line in proc.stdout:
                if line.startswith(b"P "):
                    if progress is not None:
                        progress(int(line[2:]))
                elif line.startswith(b"I "):
                    if on_item is not None:
                        on_item(json.loads(line[2:]))
                elif line.startswith(b"R "):
                    result_line = line[2:]
        except BaseException:  # on_item failed (the database?): the worker goes too
            proc.kill()
            raise
        finally:
            timer.cancel()
            proc.stdout.close()
            returncode = proc.wait()
        elapsed = time.monotonic() - started
        if timed_out.is_set():
            raise Failure("too_large", reason="time", limit=limits["wall_seconds"])
        if result_line:
            result = json.loads(result_line)
            if result.get("ok"):
                logger.debug("bounded extraction %s in %.2f s", request["kind"], elapsed)
                return result
            raise Failure(result["code"], result.get("detail", ""), **result.get("params", {}))
        errors.seek(0)
        stderr = errors.read()[-4000:].decode("utf-8", "replace")
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise Failure("too_large", reason="cpu", limit=limits["cpu_seconds"])
    # A native library (PDFium, onnxruntime) that cannot allocate under RLIMIT_AS aborts the
    # process (C++ std::bad_alloc → terminate → SIGABRT) instead of raising MemoryError.
    if returncode == -signal.SIGABRT:
        logger.warning("extraction worker aborted (native allocation failure?): %s", stderr)
        raise Failure("too_large", reason="memory", limit=limits["memory_mb"])
    if "MemoryError" in stderr or "Cannot allocate memory" in stderr or "bad_alloc" in stderr:
        raise Failure("too_large", reason="memory", limit=limits["memory_mb"])
    logger.error("extraction worker died (exit %s): %s", returncode, stderr)
    raise Failure("crashed", f"exit {returncode}")


def _bounded(kind: str, request: dict, data: bytes, overrides, progress) -> dict:
    limits = current_limits(overrides)
    try:
        if kind in ZIP_KINDS:
            check_directory(io.BytesIO(data), limits)  # before any process or decompression
        return _run_worker({**request, "kind": kind}, data, limits, progress)
    except Failure as failure:
        if failure.code not in ("too_large", "too_many_rows"):
            logger.info("extraction of a %s failed: %s %s", kind, failure.code, failure.detail)
        else:
            logger.warning("extraction of a %s refused: %s", kind, failure.params)
        raise _error_for(kind, failure) from None


def extract_text(
    kind: str,
    data: bytes,
    *,
    limits: dict | None = None,
    progress: Callable[[int], None] | None = None,
) -> str:
    """The raw text of a PDF, DOCX or XLSX ("" for an image, whose header is checked),
    read under the limits (settings, then `limits` overrides)."""
    return _bounded(kind, {"op": "text"}, data, limits, progress)["text"]


def read_xlsx_rows(
    data: bytes,
    *,
    max_rows: int,
    sheet: int = 0,
    limits: dict | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[list]:
    """The cell values (None, bool, int, float, text; dates as text) of one sheet of an
    XLSX, row by row, read under the limits; TooManyRowsError past `max_rows` rows."""
    request = {"op": "rows", "max_rows": int(max_rows), "sheet": sheet}
    return _bounded("xlsx", request, data, limits, progress)["rows"]


def estimate_xlsx_rows(data: bytes, *, cap: int, limits: dict | None = None) -> int:
    """The rows of the largest sheet of an XLSX, counted from its XML without parsing (up to a
    little past `cap`), after the zip pre-check; for deciding whether an import is small
    enough to run inside the request. Raises ExtractionError like the others."""
    current = current_limits(limits)
    try:
        check_directory(io.BytesIO(data), current)
        return count_sheet_rows(io.BytesIO(data), cap)
    except Failure as failure:
        raise _error_for("xlsx", failure) from None


def run_call(
    target: str,
    data: bytes,
    *,
    args: dict | None = None,
    kind: str = "",
    limits: dict | None = None,
    progress: Callable[[int], None] | None = None,
    on_item: Callable[[object], None] | None = None,
    output: bool = False,
) -> tuple[object, bytes | None]:
    """Run `target` ("module:function" of a Django-free module, see worker._call) on `data`
    in the worker, under the same checks and limits as extract_text: the zip pre-check here
    first when `kind` is docx/xlsx, then RLIMIT_AS/CPU and the wall-time kill. Returns (the
    function's JSON result, the bytes it wrote to `out` when `output`). Raises the worker's
    Failure as it is (code, params): the caller words it for its own users
    (`too_large_reason(params)` says which limit)."""
    current = current_limits(limits)
    if kind in ZIP_KINDS:
        check_directory(io.BytesIO(data), current)
    request = {"op": "call", "kind": kind, "target": target, "args": args or {}}
    if not output:
        return _run_worker(request, data, current, progress, on_item)["result"], None
    with tempfile.NamedTemporaryFile(prefix="sunshine-out-", suffix=".bin") as out:
        request["out_path"] = out.name
        result = _run_worker(request, data, current, progress, on_item)["result"]
        out.seek(0)
        return result, out.read()


def too_large_reason(params: dict) -> str:
    """Which limit a "too_large" failure reached, in words ("解压后共 900.0 MB，超过上限 200.0 MB")."""
    return _too_large_reason(params)
