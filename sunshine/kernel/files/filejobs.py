"""文件任务 (FileJob): long imports and exports run as background tasks, with a progress record
that the page polls and a result (report, file) when they end.

A module that imports or exports:

1. in its service, decides that the work is large (more rows than it runs inside a request)
   and calls `start_file_job(kind=…, title=…, actor=…, task=its_task, source=upload)`: the
   job row and the uploaded file are saved, and `its_task.enqueue(job.pk)` runs once the
   transaction commits;
2. in its task, calls `claim_job(pk)` (None when the job already ended: tasks are re-run
   after a worker dies, so they must be idempotent), then `report_progress(pk, done=…,
   total=…, stage=…)` as it goes (each call is its own small write, visible at once: call it
   outside the module's own transaction), then `finish_job(pk, report=…, result=(name,
   bytes))` or `fail_job(pk, error=…, report=…)`.

Staff see a job through `job_of(user, pk)`: only the user who started it."""

import logging
import tempfile
from collections.abc import Iterable

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction

from sunshine.kernel import clock

from .models import FileJob

logger = logging.getLogger(__name__)


def start_file_job(
    *,
    kind: str,
    title: str,
    actor,
    task,
    agency=None,
    source=None,
    source_name: str = "",
    params: dict | None = None,
    total: int = 0,
) -> FileJob:
    """Save a queued job (with the uploaded `source` file, if any) and enqueue `task` with its
    id once the current transaction commits."""
    job = FileJob(
        kind=kind,
        title=title[:200],
        agency=agency,
        created_by=actor,
        created_at=clock.now(),
        params=params or {},
        total=max(int(total), 0),
        source_name=(source_name or getattr(source, "name", "") or "")[:255],
    )
    if source is not None:
        source.seek(0)
        ext = "." + job.source_name.rsplit(".", 1)[-1] if "." in job.source_name else ""
        job.source.save("source" + ext.lower()[:10], source, save=False)
    try:
        job.save()
    except BaseException:
        if job.source:
            job.source.storage.delete(job.source.name)
        raise
    pk = job.pk
    transaction.on_commit(lambda: task.enqueue(pk), robust=True)
    return job


def claim_job(job_id: int) -> FileJob | None:
    """Mark the job running and return it; None when it does not exist or already ended."""
    job = FileJob.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return None
    job.state, job.started_at, job.done = FileJob.State.RUNNING, clock.now(), 0
    job.save(update_fields=["state", "started_at", "done"])
    return job


def report_progress(
    job_id: int, *, done: int | None = None, total: int | None = None, stage: str | None = None
) -> None:
    changes: dict = {}
    if done is not None:
        changes["done"] = max(int(done), 0)
    if total is not None:
        changes["total"] = max(int(total), 0)
    if stage is not None:
        changes["stage"] = stage[:200]
    if changes:
        FileJob.objects.filter(pk=job_id).update(**changes)


def finish_job(
    job_id: int, *, report: dict, result: tuple[str, bytes | Iterable[bytes]] | None = None
) -> FileJob:
    """`result` is (file name, its bytes or an iterable of chunks — a streamed writer, written
    to a temporary file as it comes, so a large export never sits whole in memory)."""
    job = FileJob.objects.get(pk=job_id)
    if result is not None:
        name, data = result
        job.result_name = name[:255]
        ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        if isinstance(data, bytes | bytearray):
            job.result.save("result" + ext.lower()[:10], ContentFile(data), save=False)
        else:
            with tempfile.TemporaryFile() as spool:
                for chunk in data:
                    spool.write(chunk)
                spool.seek(0)
                job.result.save("result" + ext.lower()[:10], File(spool), save=False)
    job.state, job.finished_at, job.report, job.stage = (
        FileJob.State.DONE,
        clock.now(),
        report,
        "",
    )
    job.done = max(job.done, job.total)
    job.save()
    _drop_source(job)
    return job


def _drop_source(job: FileJob) -> None:
    """The uploaded file is not needed once the job has ended (its name stays on the row)."""
    if job.source:
        name, storage = job.source.name, job.source.storage
        FileJob.objects.filter(pk=job.pk).update(source="")
        storage.delete(name)


def fail_job(job_id: int, *, error: str, report: dict | None = None) -> None:
    logger.info("file job %s failed: %s", job_id, error)
    FileJob.objects.filter(pk=job_id).update(
        state=FileJob.State.FAILED,
        finished_at=clock.now(),
        error=error,
        report=report or {},
        stage="",
    )
    job = FileJob.objects.filter(pk=job_id).first()
    if job is not None:
        _drop_source(job)


def job_of(user, job_id: int, *, kind_prefix: str = "") -> FileJob | None:
    """The job if `user` started it (and its kind starts with `kind_prefix`), else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    jobs = FileJob.objects.filter(pk=job_id, created_by=user)
    if kind_prefix:
        jobs = jobs.filter(kind__startswith=kind_prefix)
    return jobs.select_related("agency").first()


DEFAULT_KEEP_DAYS = 7


def keep_days() -> int:
    """Days a finished job (with its result file) is kept: settings.FILE_JOBS_KEEP_DAYS."""
    from django.conf import settings

    return max(int(getattr(settings, "FILE_JOBS_KEEP_DAYS", DEFAULT_KEEP_DAYS)), 0)


def purge_old_jobs(*, days: int | None = None, batch: int = 500) -> dict:
    """Delete the jobs that ended more than `days` (default keep_days()) ago, with their files
    (the result of an export; an upload is normally gone already). A file is deleted after its
    row, once that delete is committed: a crash in between leaves a file without a row, never
    a row without its file. Idempotent; returns the counts."""
    import datetime as dt

    days = keep_days() if days is None else days
    cutoff = clock.now() - dt.timedelta(days=days)
    old = FileJob.objects.filter(
        state__in=(FileJob.State.DONE, FileJob.State.FAILED), finished_at__lt=cutoff
    ).order_by("pk")
    jobs = files = 0
    while True:
        rows = list(old.values("pk", "result", "source")[:batch])
        if not rows:
            break
        names = [name for row in rows for name in (row["result"], row["source"]) if name]
        with transaction.atomic():
            FileJob.objects.filter(pk__in=[row["pk"] for row in rows]).delete()
        storage = FileJob._meta.get_field("result").storage
        for name in names:
            try:
                if storage.exists(name):
                    storage.delete(name)
                    files += 1
            except OSError:  # logged, the next rows still go
                logger.warning("file job purge: could not delete %s", name, exc_info=True)
        jobs += len(rows)
    if jobs:
        logger.info("file jobs purged: %s jobs, %s files (older than %s days)", jobs, files, days)
    return {"jobs": jobs, "files": files, "days": days}
