"""A one-sheet table import (kernel/files/tables.py) that runs inside the request when the file
is small and as a background FileJob (filejobs.py, with its progress page) when it is large —
the way the catalog import does, for the features that read their list with `read_table`
(权力清单, the spot checks' two libraries).

A feature's service calls

    start_table_import(uploaded_file, max_rows=…, sync_rows=…, run_now=lambda: import(…),
                       job=dict(kind=…, title=…, actor=…, agency=…, task=its_task))

which refuses a file that is not an XLSX workbook, is too large or has too many rows (an
estimate counted in the XML, before anything is parsed), runs `run_now()` for at most
`sync_rows` rows and otherwise queues `its_task`; the task calls

    run_table_import_job(job_id, perform=lambda job, upload, progress: import(…),
                         report_of=lambda result: {"created": …, "updated": …, "unchanged": …})

which reads the saved upload, runs the same import (every row checked, all or nothing) and
puts the report — or every row error — on the job."""

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from .filejobs import claim_job, fail_job, finish_job, report_progress, start_file_job
from .models import Kind
from .safe_extract.runner import ExtractionError, TooLargeError, estimate_xlsx_rows
from .sniff import check_upload
from .tables import HEADER_SEARCH_ROWS, TableImportError

MAX_REPORTED_ERRORS = 1000


def too_many_rows(limit: int, count: int | None = None) -> ValidationError:
    if count:
        message = _("文件约有 %(n)s 行，超过单次导入上限 %(limit)s 行。请分成多个文件导入。")
    else:
        message = _("文件超过单次导入上限 %(limit)s 行。请分成多个文件导入。")
    return ValidationError(message % {"n": count, "limit": limit}, code="too_many_rows")


def estimate_rows(uploaded_file, *, max_rows: int) -> int:
    """The file's rows, estimated from its XML (not parsed), after the type check and the zip
    limits. ValidationError (a clear message) when it is not an XLSX workbook, is too large or
    has more than `max_rows` rows (a title and header row allowed for)."""
    if check_upload(uploaded_file).kind != Kind.XLSX:
        raise ValidationError(_("请上传XLSX格式的文件（Excel 2007及以上版本）。"))
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        estimate = estimate_xlsx_rows(data, cap=max_rows + HEADER_SEARCH_ROWS)
    except TooLargeError as exc:
        raise ValidationError(
            _("文件过大，无法导入：%(reason)s。") % {"reason": exc.limit_text or str(exc)},
            code="too_large",
        ) from exc
    except ExtractionError:
        return 0  # damaged: the import itself says so with the usual row-1 message
    if estimate > max_rows + HEADER_SEARCH_ROWS:
        raise too_many_rows(max_rows, estimate)
    return estimate


def start_table_import(uploaded_file, *, max_rows: int, sync_rows: int, run_now, job: dict):
    """`run_now()`'s result for a file of at most `sync_rows` rows; a queued FileJob
    (start_file_job(**job), the upload saved with it) for a larger one."""
    estimate = estimate_rows(uploaded_file, max_rows=max_rows)
    if estimate <= sync_rows + HEADER_SEARCH_ROWS:
        return run_now()
    name = getattr(uploaded_file, "name", "") or "import.xlsx"
    return start_file_job(**job, source=uploaded_file, source_name=name, total=estimate)


def run_table_import_job(job_id: int, *, perform, report_of) -> str:
    """The body of an import task: `perform(job, upload, progress)` imports the saved file
    (progress(n): rows read so far), `report_of(result)` is the job's report. Idempotent: an
    ended job is left alone. Returns "done", "refused" or "gone"."""
    job = claim_job(job_id)
    if job is None:
        return "gone"
    report_progress(job_id, stage=_("正在读取文件"))
    try:
        with job.source.open("rb") as fh:
            upload = File(io.BytesIO(fh.read()), name=job.source_name)
        result = perform(
            job, upload, lambda n: report_progress(job_id, done=min(n, job.total or n))
        )
    except TableImportError as exc:
        errors = [e.as_dict() for e in exc.row_errors]
        fail_job(
            job_id,
            error=_("文件中有 %(n)s 处问题，未导入任何内容。请修改后重新上传。")
            % {"n": len(errors)},
            report={"row_errors": errors[:MAX_REPORTED_ERRORS], "error_count": len(errors)},
        )
        return "refused"
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        fail_job(job_id, error=" ".join(messages))
        return "refused"
    finish_job(job_id, report=report_of(result))
    return "done"
