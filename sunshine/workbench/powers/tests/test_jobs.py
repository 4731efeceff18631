"""A large 权力清单 import (issue 13): refused clearly past the cap, run as a background FileJob
past the synchronous limit (the progress page, then the report or every row error), through
the real task worker."""

import pytest
from django.urls import reverse

from sunshine.governance.powers.models import PowerItem
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.testing.factories.powers import BASIS, xlsx_file


def _rows(n: int, *, bad: tuple[int, ...] = ()) -> list[list[str]]:
    return [
        [f"QL-{i:04d}", f"权力事项{i}", "行政奇想" if i in bad else "行政检查", BASIS,
         "广东省市场监督管理局", "", "", "", "", "2026-01-01", ""]
        for i in range(1, n + 1)
    ]  # fmt: skip


@pytest.fixture
def editor(gov, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.POWER_IMPORT_SYNC_ROWS = 20
    return gov["editor"]


def _post(client, editor, upload):
    client.force_login(editor)
    url = reverse("workbench:powers_import", args=[editor.agency.pk])
    return client.post(url, {"file": upload})


@pytest.mark.django_db(transaction=True)
def test_large_import_runs_as_a_job_with_its_report(client, editor):
    response = _post(client, editor, xlsx_file(_rows(45)))
    job = FileJob.objects.get()
    assert response.status_code == 302 and response.url == f"/workbench/jobs/{job.pk}/"
    assert (job.kind, job.state, job.created_by) == ("powers.import", "queued", editor)
    assert not PowerItem.objects.exists()  # nothing done inside the request
    assert client.get(response.url)["Refresh"] == "2"
    assert run_worker_batch() == 1
    job.refresh_from_db()
    assert job.state == "done"
    assert job.report == {"created": 45, "updated": 0, "unchanged": 0}
    assert PowerItem.objects.filter(agency=editor.agency).count() == 45
    html = client.get(response.url).content.decode()
    assert "导入完成：新增 45 项，修改 0 项，未变 0 项。" in html and "查看权力清单" in html


@pytest.mark.django_db(transaction=True)
def test_large_import_with_a_bad_row_saves_nothing_and_lists_it(client, editor):
    _post(client, editor, xlsx_file(_rows(30, bad=(17,))))
    assert run_worker_batch() == 1
    job = FileJob.objects.get()
    assert job.state == "failed" and "1 处问题" in job.error
    html = client.get(f"/workbench/jobs/{job.pk}/").content.decode()
    # The file has a title row and the header: item 17 is spreadsheet row 19.
    assert '<td class="num">19</td>' in html and "事项类型" in html
    assert "修改后重新上传" in html
    assert not PowerItem.objects.exists()


@pytest.mark.django_db
def test_small_import_runs_at_once_and_too_many_rows_are_refused(client, editor, settings):
    done = _post(client, editor, xlsx_file(_rows(5)))
    assert done.status_code == 302 and not FileJob.objects.exists()
    assert PowerItem.objects.count() == 5
    settings.POWER_IMPORT_MAX_ROWS = 40
    refused = _post(client, editor, xlsx_file(_rows(60)))
    html = refused.content.decode()
    assert refused.status_code == 422
    assert "文件约有 62 行，超过单次导入上限 40 行。请分成多个文件导入。" in html
    assert PowerItem.objects.count() == 5 and not FileJob.objects.exists()
