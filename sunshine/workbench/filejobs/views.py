"""The page of a background import or export (a kernel FileJob, docs/files.md): a progress
bar that the browser reloads by itself while the job runs (an HTTP Refresh header: no script,
so nothing for the CSP to allow), then the result — the report, the row errors, or the file.

Only the user who started a job sees it. The link back to what the job worked on is the
shell's business (the kernel knows no domain): `BACK` maps each job kind to it."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sunshine.kernel.files.filejobs import job_of
from sunshine.kernel.files.models import FileJob

from ..access import staff_required

REFRESH_SECONDS = 2
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _catalog(job):
    return reverse("workbench:catalog_agency", args=[job.agency_id]), _("查看目录")


def _consultation(job):
    pk = job.params.get("consultation")
    return reverse("workbench:consultation_detail", args=[pk]), _("返回征求意见")


def _powers(job):
    return f"{reverse('workbench:powers_list')}?agency={job.agency_id}", _("查看权力清单")


def _library(job):
    kind = job.params.get("library", "targets")
    return reverse("workbench:spotchecks_library", args=[job.agency_id, kind]), _("查看名录库")


def _released_file(job):
    args = [job.params.get("request"), job.params.get("released_file")]
    return reverse("workbench:foi_file_redact", args=args), _("返回文件")


def _training_session(job):
    pk = job.params.get("session")
    return reverse("workbench:training_session", args=[pk]), _("返回培训场次")


def _trading(job):
    return reverse("workbench:trading_list"), _("查看交易项目")


BACK = {
    "trading.import": _trading,
    "training.import": _training_session,
    "foi.release": _released_file,
    "foi.release.preview": _released_file,
    "powers.import": _powers,
    "spotchecks.import": _library,
    "catalog.import": _catalog,
    "catalog.export": _catalog,
    "consultations.export": _consultation,
}
RETRY = {
    "trading.import": lambda job: (reverse("workbench:trading_import"), _("修改后重新上传")),
    "training.import": lambda job: (_training_session(job)[0], _("修改后重新上传")),
    "powers.import": lambda job: (
        reverse("workbench:powers_import", args=[job.agency_id]),
        _("修改后重新上传"),
    ),
    "spotchecks.import": lambda job: (_library(job)[0], _("修改后重新上传")),
    "catalog.import": lambda job: (
        reverse("workbench:catalog_import", args=[job.agency_id]),
        _("修改后重新上传"),
    ),
}


def _job_or_404(request, pk) -> FileJob:
    job = job_of(request.user, pk)
    if job is None:
        raise Http404(_("该任务不存在，或不是您发起的。"))
    return job


@never_cache
@staff_required
def job_detail(request, pk):
    job = _job_or_404(request, pk)
    report = job.report or {}
    back = BACK.get(job.kind, lambda job: ("", ""))(job)
    retry = RETRY.get(job.kind, lambda job: ("", ""))(job)
    context = {
        "job": job,
        "report": report,
        "row_errors": report.get("row_errors", []),
        "is_import": job.kind.endswith(".import"),
        "back_url": back[0],
        "back_label": back[1],
        "retry_url": retry[0],
        "retry_label": retry[1],
        "refresh_seconds": REFRESH_SECONDS,
    }
    response = render(request, "workbench/filejobs/job.html", context)
    if not job.finished:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@never_cache
@staff_required
def job_result(request, pk):
    job = _job_or_404(request, pk)
    if job.state != FileJob.State.DONE or not job.result:
        raise Http404(_("该任务没有结果文件。"))
    ext = job.result_name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=CONTENT_TYPES.get(ext, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
