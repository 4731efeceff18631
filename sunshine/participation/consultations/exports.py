"""Export of all comments of a consultation (XLSX and CSV) for staff: every comment whatever
its state, with the clause, the author (real name for staff), moderation and adoption.

Up to `sync_rows()` comments (settings.CONSULTATION_EXPORT_SYNC_ROWS, default 2,000) the file
is written inside the request; more are written by a background task (a kernel FileJob with
progress, docs/files.md) whose page then offers the file."""

from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel.files.filejobs import (
    claim_job,
    fail_job,
    finish_job,
    report_progress,
    start_file_job,
)
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.files.streaming import csv_stream, xlsx_stream

from .models import Consultation
from .selectors import consultation_for_staff, staff_comments

JOB_KIND = "consultations.export"
FORMATS = ("xlsx", "csv")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def headers() -> list[str]:
    return [
        _("编号"),
        _("提交时间"),
        _("针对条款"),
        _("意见内容"),
        _("提出人"),
        _("用户类型"),
        _("公开署名"),
        _("状态"),
        _("未公开原因"),
        _("归类"),
        _("采纳情况"),
        _("采纳情况说明"),
    ]


def _safe(value) -> str:
    """No spreadsheet formulas from the public's text (CSV/formula injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def iter_comment_rows(consultation: Consultation, progress=None) -> Iterator[list[str]]:
    """The rows one by one, the comments read from the database in chunks."""
    comments = staff_comments(consultation).select_related("author", "clause")
    for n, c in enumerate(comments.iterator(chunk_size=1000)):
        if progress is not None and n and n % 500 == 0:
            progress(n)
        author = c.author
        yield [
            str(c.pk),
            f"{timezone.localtime(c.submitted_at):%Y-%m-%d %H:%M}",
            c.clause.label if c.clause_id else _("全文"),
            _safe(c.body),
            _safe(
                (author.enterprise_name or author.display_name or author.email)
                if author
                else c.author_name
            ),
            str(author.get_kind_display()) if author else "",
            c.public_name,
            str(c.get_state_display()),
            _safe(c.hide_reason),
            _safe(c.group_label),
            str(c.get_adoption_display()) if c.adoption else "",
            _safe(c.adoption_reason),
        ]


def comment_rows(consultation: Consultation, progress=None) -> list[list[str]]:
    return list(iter_comment_rows(consultation, progress))


WIDTHS = [8, 17, 12, 60, 16, 12, 12, 8, 20, 16, 10, 40]


def comments_stream(consultation: Consultation, fmt: str, progress=None) -> Iterator[bytes]:
    """The file as chunks written while the rows are read (kernel files.streaming): constant
    memory, for a streamed response or a task writing a large file."""
    rows = iter_comment_rows(consultation, progress)
    if fmt == "csv":
        return csv_stream(rows, header=headers())
    return xlsx_stream(rows, header=headers(), sheet_title=_("意见"), widths=WIDTHS)


def comments_csv(consultation: Consultation, progress=None) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Chinese text correctly."""
    return b"".join(comments_stream(consultation, "csv", progress))


def comments_xlsx(consultation: Consultation, progress=None) -> bytes:
    return b"".join(comments_stream(consultation, "xlsx", progress))


def export_filename(consultation: Consultation, ext: str) -> str:
    return f"consultation-{consultation.pk}-comments.{ext}"


def sync_rows() -> int:
    return int(getattr(settings, "CONSULTATION_EXPORT_SYNC_ROWS", 2_000))


def max_rows() -> int:
    """Comments one export may hold (settings.CONSULTATION_EXPORT_MAX_ROWS)."""
    return int(getattr(settings, "CONSULTATION_EXPORT_MAX_ROWS", 200_000))


def comment_count(consultation: Consultation) -> int:
    return staff_comments(consultation).count()


def _write(consultation: Consultation, fmt: str, progress=None) -> bytes:
    if fmt == "csv":
        return comments_csv(consultation, progress)
    return comments_xlsx(consultation, progress)


def start_export(*, consultation: Consultation, fmt: str, actor) -> bytes | FileJob:
    """The file's bytes now, or a queued FileJob when the consultation has more than
    sync_rows() comments. The caller has checked that `actor` may see the consultation."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    count = comment_count(consultation)
    if count <= sync_rows():
        return _write(consultation, fmt)
    from .tasks import run_comments_export

    return start_file_job(
        kind=JOB_KIND,
        title=_("导出意见（%(fmt)s）：%(title)s")
        % {"fmt": fmt.upper(), "title": consultation.title[:150]},
        actor=actor,
        task=run_comments_export,
        agency=getattr(consultation, "agency", None),
        params={"consultation": consultation.pk, "format": fmt},
        total=count,
    )


def run_export_job(job_id: int) -> str:
    """The body of the export task (idempotent: an ended job is left alone)."""
    job = claim_job(job_id)
    if job is None:
        return "gone"
    consultation = consultation_for_staff(job.created_by, job.params.get("consultation"))
    if consultation is None:
        fail_job(job_id, error=_("该征求意见不存在，或不在您的权限范围内。"))
        return "refused"
    fmt = job.params.get("format", "xlsx")
    report_progress(job_id, total=comment_count(consultation), stage=_("正在写入文件"))
    data = comments_stream(consultation, fmt, lambda n: report_progress(job_id, done=n))
    rows = comment_count(consultation)
    finish_job(job_id, report={"rows": rows}, result=(export_filename(consultation, fmt), data))
    return "done"
