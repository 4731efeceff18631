"""The periodic purge of file jobs (issue 12.3): jobs that ended more than FILE_JOBS_KEEP_DAYS
days ago go with their result files (real files in a temporary MEDIA_ROOT); running and
recent jobs stay, and so do their files."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from sunshine.kernel import clock
from sunshine.kernel.files.filejobs import finish_job, purge_old_jobs
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.files.tasks import purge_file_jobs
from sunshine.kernel.jobs.schedule import periodic_jobs
from sunshine.testing.factories.kernel import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

NOW = dt.datetime(2026, 12, 7, 3, 41, tzinfo=dt.UTC)


def _job(user, *, ended_days_ago=None, state=FileJob.State.DONE, source=False) -> FileJob:
    job = FileJob.objects.create(
        kind="test.export", title="t", created_by=user, created_at=NOW - dt.timedelta(days=40)
    )
    if source:
        job.source.save("source.xlsx", ContentFile(b"upload"), save=True)
    if ended_days_ago is None:
        FileJob.objects.filter(pk=job.pk).update(state=state)
        return FileJob.objects.get(pk=job.pk)
    with clock.frozen(NOW - dt.timedelta(days=ended_days_ago)):
        if state == FileJob.State.DONE:
            finish_job(job.pk, report={"rows": 1}, result=("out.xlsx", b"PK result"))
        else:
            FileJob.objects.filter(pk=job.pk).update(state=state, finished_at=clock.now())
    return FileJob.objects.get(pk=job.pk)


def _path(field) -> Path:
    return Path(field.storage.path(field.name))


def test_old_jobs_go_with_their_files_recent_and_running_stay(settings):
    settings.FILE_JOBS_KEEP_DAYS = 7
    user = UserFactory()
    old = _job(user, ended_days_ago=8)
    old_failed = _job(user, ended_days_ago=30, state=FileJob.State.FAILED, source=True)
    recent = _job(user, ended_days_ago=6)
    running = _job(user, state=FileJob.State.RUNNING, source=True)
    old_file, recent_file = _path(old.result), _path(recent.result)
    failed_upload, running_upload = _path(old_failed.source), _path(running.source)
    assert old_file.read_bytes() == b"PK result" and failed_upload.exists()

    with clock.frozen(NOW):
        report = purge_old_jobs()

    assert report == {"jobs": 2, "files": 2, "days": 7}
    assert set(FileJob.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not old_file.exists() and not failed_upload.exists()
    assert recent_file.read_bytes() == b"PK result" and running_upload.exists()
    with clock.frozen(NOW):
        assert purge_old_jobs() == {"jobs": 0, "files": 0, "days": 7}  # idempotent


def test_retention_is_configurable_and_the_task_is_scheduled(settings):
    user = UserFactory()
    job = _job(user, ended_days_ago=2)
    result = _path(job.result)
    settings.FILE_JOBS_KEEP_DAYS = 3
    with clock.frozen(NOW):
        assert purge_file_jobs.call()["jobs"] == 0
    settings.FILE_JOBS_KEEP_DAYS = 1
    with clock.frozen(NOW):
        assert purge_file_jobs.call() == {"jobs": 1, "files": 1, "days": 1}
    assert not result.exists() and not FileJob.objects.exists()
    scheduled = {j.name: j for j in periodic_jobs()}
    assert scheduled["files.purge_jobs"].task_path == "sunshine.kernel.files.tasks.purge_file_jobs"


def test_a_missing_file_does_not_stop_the_purge(settings):
    settings.FILE_JOBS_KEEP_DAYS = 7
    user = UserFactory()
    first, second = _job(user, ended_days_ago=9), _job(user, ended_days_ago=9)
    _path(first.result).unlink()  # removed by hand meanwhile
    with clock.frozen(NOW):
        assert purge_old_jobs() == {"jobs": 2, "files": 1, "days": 7}
    assert not _path(second.result).exists()
