"""Exporting a catalog as XLSX (xlsx.export_workbook). A catalog of at most `sync_rows()`
items (settings.CATALOG_EXPORT_SYNC_ROWS, default 2,000) is written inside the request; a
larger one by a background task (a kernel FileJob with progress) whose page then offers the
file."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.files.filejobs import (
    claim_job,
    fail_job,
    finish_job,
    report_progress,
    start_file_job,
)
from sunshine.kernel.files.models import FileJob

from . import selectors
from .xlsx import export_workbook

JOB_KIND = "catalog.export"


def sync_rows() -> int:
    return int(getattr(settings, "CATALOG_EXPORT_SYNC_ROWS", 2_000))


def export_file_name(agency) -> str:
    return _("%(agency)s主动公开基本目录-%(date)s.xlsx") % {
        "agency": agency.name,
        "date": f"{clock.today():%Y%m%d}",
    }


def _items(agency):
    catalog = selectors.catalog_of(agency)
    return selectors.staff_items(catalog) if catalog is not None else None


def start_export(*, agency, actor) -> tuple[str, bytes] | FileJob:
    """(file name, XLSX bytes) of the agency's catalog now, or a queued FileJob when it has
    more than sync_rows() items. The caller has checked that `actor` may see the agency."""
    items = _items(agency)
    count = items.count() if items is not None else 0
    if count <= sync_rows():
        return export_file_name(agency), export_workbook(items if items is not None else [])
    from .tasks import run_catalog_export

    return start_file_job(
        kind=JOB_KIND,
        title=_("导出目录：%(agency)s") % {"agency": agency.name},
        actor=actor,
        task=run_catalog_export,
        agency=agency,
        total=count,
    )


def run_export_job(job_id: int) -> str:
    job = claim_job(job_id)
    if job is None:
        return "gone"
    if selectors.staff_agency(job.created_by, job.agency_id) is None:
        fail_job(job_id, error=str(PermissionDenied(_("您已无权查看该机关的目录。"))))
        return "refused"
    items = _items(job.agency)
    total = items.count() if items is not None else 0
    report_progress(job_id, total=total, stage=_("正在写入表格"))
    data = export_workbook(
        items.iterator(chunk_size=1000) if items is not None else [],
        progress=lambda n: report_progress(job_id, done=n),
    )
    finish_job(job_id, report={"rows": total}, result=(export_file_name(job.agency), data))
    return "done"
