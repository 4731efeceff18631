"""Importing a catalog from XLSX (the standard column layout, xlsx.py). All or nothing: every
row is checked first, and if any row is wrong nothing is saved and every problem is reported
with its row number and column. Re-importing a file does not duplicate: a row is the same item
as an existing one with the same 一级事项 + 二级事项 + 公开内容 (spaces ignored), else as the
one with the same 序号 (when that 序号 is unique in the file and in the catalog); such items
are updated, the rest added after the existing ones in file order. Items missing from the file
are left as they are (an import never deletes).

Size (issue 12): the file is read by the kernel's bounded extraction (a separate process with
memory and time limits, after a zip pre-check), and a sheet of more than `max_rows()` rows
(settings.CATALOG_IMPORT_MAX_ROWS, default 20,000) is refused with a clear message before it
is parsed. `start_import` runs a file of at most `sync_rows()` rows
(settings.CATALOG_IMPORT_SYNC_ROWS, default 2,000) at once, and a larger one as a background
task (a kernel FileJob with progress: rows read, then saving) whose page shows the result."""

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.filejobs import (
    claim_job,
    fail_job,
    finish_job,
    report_progress,
    start_file_job,
)
from sunshine.kernel.files.models import FileJob, Kind
from sunshine.kernel.files.safe_extract.runner import (
    ExtractionError,
    TooLargeError,
    TooManyRowsError,
    estimate_xlsx_rows,
)
from sunshine.kernel.files.sniff import SniffResult, check_upload
from sunshine.kernel.files.tables import TableImportError

from . import review as reviews
from .models import Catalog, CatalogItem
from .services import get_or_create_catalog, next_sort_order, snapshot, touch
from .stale import refresh_items
from .validation import item_key
from .xlsx import ParsedRow, read_workbook


@dataclass
class ImportResult:
    catalog: Catalog
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)


def _match(catalog: Catalog, rows: list[ParsedRow]) -> list[CatalogItem | None]:
    existing = list(CatalogItem.objects.select_for_update().filter(catalog=catalog))
    by_key: dict[tuple, CatalogItem] = {}
    by_number: dict[str, list[CatalogItem]] = {}
    for item in existing:
        by_key.setdefault(item_key(item.category, item.subcategory, item.content), item)
        if item.number:
            by_number.setdefault(item.number, []).append(item)
    file_numbers: dict[str, int] = {}
    for row in rows:
        if row.values["number"]:
            file_numbers[row.values["number"]] = file_numbers.get(row.values["number"], 0) + 1
    taken: set[int] = set()
    matches: list[CatalogItem | None] = []
    for row in rows:
        v = row.values
        item = by_key.get(item_key(v["category"], v["subcategory"], v["content"]))
        if item is None and file_numbers.get(v["number"]) == 1:
            same_number = by_number.get(v["number"], [])
            if len(same_number) == 1:
                item = same_number[0]
        if item is not None and item.pk in taken:
            item = None
        if item is not None:
            taken.add(item.pk)
        matches.append(item)
    return matches


HEADER_ROWS = 10  # a title row and the header may come before the first item
JOB_KIND = "catalog.import"


def max_rows() -> int:
    """The most item rows one import takes (more: refused, split the file)."""
    return int(getattr(settings, "CATALOG_IMPORT_MAX_ROWS", 20_000))


def sync_rows() -> int:
    """Up to this many rows an import runs inside the request; more run as a task."""
    return int(getattr(settings, "CATALOG_IMPORT_SYNC_ROWS", 2_000))


def too_many_rows_error(count: int | None = None) -> ValidationError:
    if count:
        message = _("文件约有 %(n)s 行，超过单次导入上限 %(limit)s 行。请分成多个文件导入。")
    else:
        message = _("文件超过单次导入上限 %(limit)s 行。请分成多个文件导入。")
    return ValidationError(message % {"n": count, "limit": max_rows()}, code="too_many_rows")


def too_large_error(exc: TooLargeError) -> ValidationError:
    return ValidationError(
        _("文件过大，无法导入：%(reason)s。") % {"reason": exc.limit_text or str(exc)},
        code="too_large",
    )


def check_import_file(uploaded_file) -> tuple[SniffResult, int]:
    """The file's type (XLSX), its zip container under the extraction limits, and an estimate
    of its rows (counted in the XML, not parsed) under max_rows(). ValidationError with a
    clear message otherwise. Returns (sniffed, estimated rows)."""
    sniffed = check_upload(uploaded_file)
    if sniffed.kind != Kind.XLSX:
        raise ValidationError(_("请上传XLSX格式的目录文件（Excel 2007及以上版本）。"))
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        estimate = estimate_xlsx_rows(data, cap=max_rows() + HEADER_ROWS)
    except TooLargeError as exc:
        raise too_large_error(exc) from exc
    except ExtractionError:
        estimate = 0  # damaged: read_workbook says so with the usual message
    if estimate > max_rows() + HEADER_ROWS:
        raise too_many_rows_error(estimate)
    return sniffed, estimate


def _read_rows(uploaded_file, progress=None, checked=None) -> list[ParsedRow]:
    try:
        rows, errors = read_workbook(
            uploaded_file, max_rows=max_rows() + HEADER_ROWS, progress=progress, checked=checked
        )
    except TooManyRowsError as exc:
        raise too_many_rows_error() from exc
    except TooLargeError as exc:
        raise too_large_error(exc) from exc
    if errors:
        raise TableImportError(errors)
    if not rows:
        raise ValidationError(_("文件中没有目录事项。"))
    if len(rows) > max_rows():
        raise too_many_rows_error(len(rows))
    return rows


def import_catalog(*, agency, actor, uploaded_file, progress=None) -> ImportResult:
    """Add or update the agency's catalog items from an XLSX file (creating the catalog when
    the agency has none), at once. Raises TableImportError listing every bad row, with
    nothing saved; ValidationError when the file is not an XLSX workbook or is too large.
    The file is read (in a bounded worker process) before the write transaction opens."""
    require(actor, "catalog.edit", agency)
    sniffed, _estimate = check_import_file(uploaded_file)
    rows = _read_rows(uploaded_file, progress)
    return _save_rows(agency=agency, actor=actor, rows=rows, sniffed=sniffed, name=uploaded_file)


def start_import(*, agency, actor, uploaded_file) -> ImportResult | FileJob:
    """An import of at most sync_rows() rows runs now (its ImportResult); a larger one is
    queued as a FileJob (the caller shows the job's page)."""
    require(actor, "catalog.edit", agency)
    _sniffed, estimate = check_import_file(uploaded_file)
    if estimate <= sync_rows() + HEADER_ROWS:
        return import_catalog(agency=agency, actor=actor, uploaded_file=uploaded_file)
    from .tasks import run_catalog_import

    name = getattr(uploaded_file, "name", "") or "catalog.xlsx"
    return start_file_job(
        kind=JOB_KIND,
        title=_("导入目录：%(agency)s（%(name)s）") % {"agency": agency.name, "name": name},
        actor=actor,
        task=run_catalog_import,
        agency=agency,
        source=uploaded_file,
        source_name=name,
        total=estimate,
    )


def run_import_job(job_id: int) -> str:
    """The body of the import task: read with progress, then save in one transaction, then
    the report (or every row error) on the job. Idempotent: an ended job is left alone."""
    job = claim_job(job_id)
    if job is None:
        return "gone"
    report_progress(job_id, stage=_("正在读取文件"))
    try:
        with job.source.open("rb") as fh:
            upload = File(io.BytesIO(fh.read()), name=job.source_name)
        actor, agency = job.created_by, job.agency
        require(actor, "catalog.edit", agency)  # still allowed when the task runs
        sniffed, _estimate = check_import_file(upload)
        # The bar: reading the rows (in the worker), then checking them, half each.
        half = job.total
        report_progress(job_id, total=2 * half)
        rows = _read_rows(
            upload,
            progress=lambda n: report_progress(job_id, done=min(n, half)),
            checked=lambda n: report_progress(
                job_id, done=half + min(n, half), stage=_("正在检查各行")
            ),
        )
        report_progress(
            job_id,
            done=2 * half,
            stage=_("正在保存 %(n)s 项（全部保存或全部不保存）") % {"n": len(rows)},
        )
        result = _save_rows(agency=agency, actor=actor, rows=rows, sniffed=sniffed, name=upload)
    except TableImportError as exc:
        errors = [{"row": e.row, "column": e.column, "message": e.message} for e in exc.row_errors]
        fail_job(
            job_id,
            error=_("文件中有 %(n)s 处问题，未导入任何事项。请修改后重新上传。")
            % {"n": len(errors)},
            report={"row_errors": errors[:1000], "error_count": len(errors)},
        )
        return "refused"
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        fail_job(job_id, error=" ".join(messages))
        return "refused"
    finish_job(
        job_id,
        report={
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": len(result.unchanged),
        },
    )
    return "done"


@transaction.atomic
def _save_rows(*, agency, actor, rows: list[ParsedRow], sniffed, name) -> ImportResult:
    catalog = get_or_create_catalog(agency=agency, actor=actor)
    result = ImportResult(catalog=catalog)
    now, order = clock.now(), next_sort_order(catalog)
    touched: list[CatalogItem] = []
    for row, item in zip(rows, _match(catalog, rows), strict=True):
        values = dict(row.values)
        if item is None:
            values.setdefault("sort_order", order)
            order += 10
            item = CatalogItem.objects.create(
                catalog=catalog, created_at=now, updated_at=now, **values
            )
            result.created.append(item.pk)
            note = _("导入新增（第 %(n)s 行）") % {"n": row.row}
        else:
            before = snapshot(item)
            for name, value in values.items():
                setattr(item, name, value)
            if snapshot(item) == before:
                result.unchanged.append(item.pk)
                continue
            item.updated_at = now
            item.save()
            result.updated.append(item.pk)
            note = _("导入修改（第 %(n)s 行）") % {"n": row.row}
        item.catalog = catalog
        reviews.note_change(item=item, actor=actor, note=note)
        touched.append(item)
    record_event(
        action="catalog.import",
        actor=actor,
        obj=catalog,
        agency=agency,
        summary=_("导入目录：新增 %(c)s 项，修改 %(u)s 项，未变 %(n)s 项")
        % {"c": len(result.created), "u": len(result.updated), "n": len(result.unchanged)},
        data={
            "file": getattr(name, "name", ""),
            "sha256": sniffed.sha256,
            "rows": len(rows),
            "created": result.created[:500],
            "updated": result.updated[:500],
        },
    )
    if touched:
        touch(catalog)
        refresh_items(touched)
    return result
