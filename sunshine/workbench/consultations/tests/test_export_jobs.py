"""A consultation with more comments than the synchronous limit is exported by a background
task (issue 12.3): a GET explains and starts nothing, a POST queues the job, the real task
worker writes the file, and the job page offers it."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from sunshine.kernel import clock
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.consultations import comment, make_consultation

pytestmark = pytest.mark.django_db(transaction=True)
BASE = "/workbench/consultations/"


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(dt.date(2026, 11, 2)):
        yield


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_large_export_runs_as_a_task_and_offers_the_file(client, province, settings, tmp_path, fmt):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CONSULTATION_EXPORT_SYNC_ROWS = 2
    transport = province["transport"]
    c = make_consultation(transport)
    bodies = [
        "建议增加新能源车辆充电保障。",
        "建议放宽车辆年限。",
        "=SUM(A1)车辆年限应按里程计算。",
    ]
    for body in bodies:
        comment(c, body=body)
    drafter = staff_with("drafter", transport)
    client.force_login(drafter)
    url = f"{BASE}{c.pk}/export.{fmt}"
    html = client.get(url).content.decode()
    assert f"本次征求意见共有 3 条意见，{fmt.upper()} 文件将在后台生成" in html
    assert not FileJob.objects.exists()
    response = client.post(url)
    job = FileJob.objects.get()
    assert response.status_code == 302 and response.url == f"/workbench/jobs/{job.pk}/"
    assert (job.kind, job.total, job.params) == (
        "consultations.export",
        3,
        {"consultation": c.pk, "format": fmt},
    )
    assert client.get(response.url)["Refresh"] == "2"
    # the export, and the 关注 fan-out of the consultation's opening (kernel/notify)
    assert run_worker_batch() >= 1
    page = client.get(response.url)
    assert not page.has_header("Refresh")
    html = page.content.decode()
    assert "文件已生成，共 3 行。" in html and f"consultation-{c.pk}-comments.{fmt}" in html
    assert f'href="{BASE}{c.pk}/"' in html  # back to the consultation
    download = client.get(f"/workbench/jobs/{job.pk}/result/")
    data = b"".join(download.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8").lstrip("\ufeff"))))
    else:
        rows = [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]
    assert rows[0][:4] == ["编号", "提交时间", "针对条款", "意见内容"]
    assert sorted(r[3] for r in rows[1:]) == sorted([*bodies[:2], "'" + bodies[2]])
    # Someone of another agency cannot see the job.
    client.force_login(staff_with("drafter", province["city"]))
    assert client.get(response.url).status_code == 404
