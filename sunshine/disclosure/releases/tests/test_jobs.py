"""A long file is previewed and released by a background job (a kernel FileJob): the request
only queues it, the job produces the bytes without the row lock and stores them in a short
transaction, refusing when the redactions changed meanwhile."""

import hashlib

import pytest
from django.urls import reverse

from sunshine.disclosure.foi.choices import Outcome
from sunshine.disclosure.releases import services
from sunshine.disclosure.releases.models import ReleasedFile
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.files.models import FileJob

from .leaks import pdf_leaks
from .samples import KEEP, SECRET

pytestmark = pytest.mark.django_db
THIRD = Outcome.WITHHELD_THIRD_PARTY


@pytest.fixture
def long_file(settings, foi_request, officer, pdf_bytes):
    settings.RELEASE_INLINE_MAX_PAGES = 1  # the two-page sample counts as long
    item = services.upload_source(
        request=foi_request, actor=officer, uploaded_file=services.uploaded("纪要.pdf", pdf_bytes)
    )
    services.add_text_redaction(released_file=item, actor=officer, text=SECRET, ground=THIRD)
    return item


def test_short_files_stay_inline(foi_request, officer, pdf_bytes):
    item = services.upload_source(
        request=foi_request, actor=officer, uploaded_file=services.uploaded("纪要.pdf", pdf_bytes)
    )
    assert item.pages == 2 and not services.produced_in_background(item)


def test_release_job_stores_the_file_once(long_file, officer):
    assert services.produced_in_background(long_file)
    job = services.start_production(released_file=long_file, actor=officer, preview=False)
    long_file.refresh_from_db()
    assert long_file.state == ReleasedFile.State.DRAFT  # nothing released by the request
    assert job.kind == "foi.release" and job.total == 2
    assert services.run_production_job(job.pk) == "done"
    long_file.refresh_from_db()
    assert long_file.state == ReleasedFile.State.RELEASED and long_file.released_by == officer
    with long_file.released.open("rb") as fh:
        data = fh.read()
    assert pdf_leaks(data, SECRET) == []
    assert long_file.sha256 == hashlib.sha256(data).hexdigest()
    job.refresh_from_db()
    assert job.state == FileJob.State.DONE and job.report["sha256"] == long_file.sha256
    assert AuditEvent.objects.filter(action="foi.release.release", actor=officer).count() == 1
    # A task run again after a worker died leaves an ended job alone.
    assert services.run_production_job(job.pk) == "ended"
    # A released file cannot be queued again.
    with pytest.raises(Exception, match="不能再修改"):
        services.start_production(released_file=long_file, actor=officer, preview=False)


def test_preview_job_offers_the_file_and_releases_nothing(long_file, officer):
    job = services.start_production(released_file=long_file, actor=officer, preview=True)
    assert services.run_production_job(job.pk) == "done"
    job.refresh_from_db()
    with job.result.open("rb") as fh:
        assert pdf_leaks(fh.read(), SECRET) == []
    assert job.result_name == "纪要（预览）.pdf"
    long_file.refresh_from_db()
    assert long_file.state == ReleasedFile.State.DRAFT
    assert AuditEvent.objects.filter(action="foi.release.preview").exists()


def test_release_job_refuses_when_redactions_changed(long_file, officer):
    job = services.start_production(released_file=long_file, actor=officer, preview=False)
    services.add_text_redaction(released_file=long_file, actor=officer, text=KEEP, ground=THIRD)
    assert services.run_production_job(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == FileJob.State.FAILED and "删除标注有变化" in job.error
    long_file.refresh_from_db()
    assert long_file.state == ReleasedFile.State.DRAFT and not long_file.released


def test_pages_queue_the_job_and_show_it(client, long_file, officer, foi_request):
    client.force_login(officer)
    redact_url = reverse("workbench:foi_file_redact", args=[foi_request.pk, long_file.pk])
    page = client.get(redact_url).content.decode()
    assert "文件较长" in page and "生成预览" in page
    preview_url = reverse("workbench:foi_file_preview", args=[foi_request.pk, long_file.pk])
    assert client.get(preview_url)["Location"].startswith(redact_url)  # GET starts nothing
    assert not FileJob.objects.exists()
    response = client.post(
        reverse("workbench:foi_file_release", args=[foi_request.pk, long_file.pk]),
        {"confirm": "1"},
    )
    job = FileJob.objects.get(kind="foi.release")
    assert response["Location"] == reverse("workbench:filejob", args=[job.pk])
    services.run_production_job(job.pk)
    shown = client.get(response["Location"]).content.decode()
    assert redact_url in shown  # the way back to the file
