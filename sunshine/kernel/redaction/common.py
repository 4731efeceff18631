"""The parent side of the redaction engines: the error staff see, the work limits, and the call
into the bounded-extraction worker (kernel/files/safe_extract) that runs every parse."""

import logging

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from sunshine.kernel.files.safe_extract.errors import Failure
from sunshine.kernel.files.safe_extract.limits import current_limits
from sunshine.kernel.files.safe_extract.runner import run_call, too_large_reason

from .box import Box  # noqa: F401  (re-exported)

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 500
DEFAULT_DPI = 150
# Releasing a PDF renders every page: that call may take the worker's CPU and wall time once
# per this many pages (a 500-page file: 5 × FILE_EXTRACT_LIMITS cpu_seconds / wall_seconds).
PAGES_PER_TIME_LIMIT = 100
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc


class RedactionError(Exception):
    """A file that cannot be redacted safely; str(exc) is the message shown to staff."""


def max_bytes() -> int:
    return int(getattr(settings, "REDACTION_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_pages() -> int:
    """Pages of a PDF to redact: REDACTION_MAX_PAGES, and never more than the platform's
    page limit for any PDF (FILE_EXTRACT_LIMITS max_pdf_pages)."""
    own = int(getattr(settings, "REDACTION_MAX_PAGES", DEFAULT_MAX_PAGES))
    return min(own, int(current_limits()["max_pdf_pages"]))


def release_dpi() -> int:
    return int(getattr(settings, "REDACTION_DPI", DEFAULT_DPI))


def check_size(data: bytes) -> None:
    if not data:
        raise RedactionError(_("文件为空。"))
    if len(data) > max_bytes():
        raise RedactionError(
            _("文件过大（%(size)s），不能超过 %(limit)s。")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(max_bytes())}
        )


def _messages() -> dict:
    return {
        "pdf_encrypted": _("PDF 文件已加密，请先解除密码保护后再上传。"),
        "pdf_damaged": _("PDF 文件已损坏，无法打开。"),
        "pdf_empty": _("PDF 文件没有页面。"),
        "pdf_pages": _("PDF 共 %(count)d 页，超过了 %(limit)d 页的上限，请拆分后再处理。"),
        "page_missing": _("页码 %(page)d 不存在（共 %(count)d 页）。"),
        "text_required": _("请填写要删除的文字。"),
        "ole": _("该文件是加密的 Office 文档或旧版 .doc 文件，请解除密码并另存为 DOCX 后再上传。"),
        "docx_damaged": _("DOCX 文件已损坏，无法打开。"),
        "docx_encrypted": _("DOCX 文件已加密，请解除密码后再上传。"),
        "docx_size_mismatch": _("DOCX 文件已损坏（部件大小不符）。"),
        "docx_part_damaged": _("DOCX 文件已损坏（%(part)s）。"),
        "not_docx": _("该文件不是 DOCX 文档。"),
        "not_word": _("该文件不是 Word 文档（DOCX）。"),
        "macro": _("不支持含宏的文档（.docm），请另存为不含宏的 DOCX 后再上传。"),
        "residue": _("未能从 %(part)s 中完全删除所选文字，已停止处理。"),
    }


def error_for(kind: str, failure: Failure) -> RedactionError:
    """The worker's Failure in words for staff; a limit reached says which one. The source
    file is only read (a copy goes to the worker): a failed redaction never changes it."""
    params = failure.params
    if failure.code == "redaction":
        template = _messages().get(params.get("key"), _("无法处理该文件。"))
        try:
            return RedactionError(template % params if "%(" in template else template)
        except (KeyError, TypeError, ValueError):
            return RedactionError(template.split("%(")[0].rstrip("（(：: "))
    if failure.code == "too_large":
        return RedactionError(
            _("文件过大，无法处理：%(reason)s。") % {"reason": too_large_reason(params)}
        )
    if failure.code == "damaged":
        if kind == "pdf":
            return RedactionError(_("PDF 文件已损坏，无法打开。"))
        return RedactionError(_("DOCX 文件已损坏，无法打开。"))
    logger.error("redaction worker failed: %s %s", failure.code, failure.detail)
    return RedactionError(_("处理文件时出错，请稍后再试。"))


def call(
    kind: str,
    op: str,
    data: bytes,
    *,
    args: dict | None = None,
    output: bool = False,
    time_scale: int = 1,
):
    """Run `op` of the `kind` ("pdf", "docx") engine on `data` in the worker process; its
    JSON result (and the output bytes when `output`). Raises RedactionError."""
    check_size(data)
    if kind == "docx" and data.startswith(OLE_MAGIC):  # before the zip check calls it damaged
        raise RedactionError(_messages()["ole"])
    limits = None
    if time_scale > 1:
        base = current_limits()
        limits = {
            "cpu_seconds": base["cpu_seconds"] * time_scale,
            "wall_seconds": base["wall_seconds"] * time_scale,
        }
    target = f"sunshine.kernel.redaction.{kind}_engine:op_{op}"
    try:
        result, out = run_call(target, data, args=args, kind=kind, limits=limits, output=output)
    except Failure as failure:
        raise error_for(kind, failure) from None
    return (result, out) if output else result
