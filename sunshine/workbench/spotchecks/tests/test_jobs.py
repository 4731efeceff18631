"""A large library import (双随机 两库, issue 13): past the synchronous limit it runs as a
background FileJob with the progress page and its report, through the real task worker."""

import pytest
from django.urls import reverse

from sunshine.governance.spotchecks.models import CheckTarget
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.testing.factories.spotchecks import TARGET_HEADER, sheet, target_rows


@pytest.mark.django_db(transaction=True)
def test_large_library_import_runs_as_a_job(client, check, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SPOTCHECK_IMPORT_SYNC_ROWS = 10
    client.force_login(check["editor"])
    url = reverse("workbench:spotchecks_library", args=[check["market"].pk, "targets"])
    response = client.post(url, {"file": sheet(TARGET_HEADER, target_rows(30))})
    job = FileJob.objects.get()
    assert response.status_code == 302 and response.url == f"/workbench/jobs/{job.pk}/"
    assert (job.kind, job.params) == ("spotchecks.import", {"library": "targets"})
    assert CheckTarget.objects.filter(is_active=True).count() == 12  # not yet
    assert run_worker_batch() == 1
    job.refresh_from_db()
    assert job.state == "done"
    assert job.report == {"created": 18, "updated": 0, "unchanged": 12, "removed": 0}
    assert CheckTarget.objects.filter(is_active=True).count() == 30
    html = client.get(response.url).content.decode()
    assert "导入完成：新增 18 项，修改 0 项，未变 12 项。" in html
    assert f'href="{url}"' in html  # back to the library


@pytest.mark.django_db(transaction=True)
def test_large_library_import_with_a_bad_row_saves_nothing(client, check, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SPOTCHECK_IMPORT_SYNC_ROWS = 10
    rows = target_rows(30)
    rows[20][0] = "不是信用代码"
    client.force_login(check["editor"])
    url = reverse("workbench:spotchecks_library", args=[check["market"].pk, "targets"])
    client.post(url, {"file": sheet(TARGET_HEADER, rows)})
    assert run_worker_batch() == 1
    job = FileJob.objects.get()
    assert job.state == "failed"
    html = client.get(f"/workbench/jobs/{job.pk}/").content.decode()
    assert '<td class="num">22</td>' in html and "统一社会信用代码" in html
    assert CheckTarget.objects.filter(is_active=True).count() == 12
