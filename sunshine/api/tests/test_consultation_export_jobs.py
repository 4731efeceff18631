"""/api/v1/consultations/{id}/export.{fmt} (issue 12.3): a small export is the file;
a large one answers 202 with a job to poll, the real task worker writes the file, and the
result link gives it; asking again while it runs gives the same job; another user cannot see
the job; past the maximum the answer is 422 with the reason in Chinese."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.consultations import comment, make_consultation

pytestmark = pytest.mark.django_db(transaction=True)
API = "/api/v1/consultations"
BODIES = ["建议增加新能源车辆充电保障。", "建议放宽车辆年限。", "=SUM(A1)车辆年限应按里程计算。"]


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(dt.date(2026, 11, 2)):
        yield


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(actor=user, name='测试')[1]}"}


@pytest.fixture
def consultation(province):
    c = make_consultation(province["transport"])
    for body in BODIES:
        comment(c, body=body)
    return c


def _rows(fmt: str, data: bytes) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8").lstrip("\ufeff"))))
    return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_small_export_is_the_file(client, province, consultation, fmt):
    headers = auth(staff_with("drafter", province["transport"]))
    response = client.get(f"{API}/{consultation.pk}/export.{fmt}", **headers)
    assert response.status_code == 200 and response["Content-Length"]
    rows = _rows(fmt, response.content)
    assert rows[0][:4] == ["编号", "提交时间", "针对条款", "意见内容"]
    assert sorted(r[3] for r in rows[1:]) == sorted([*BODIES[:2], "'" + BODIES[2]])
    assert not FileJob.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_large_export_is_a_job_to_poll(client, province, consultation, settings, tmp_path, fmt):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CONSULTATION_EXPORT_SYNC_ROWS = 2
    drafter = staff_with("drafter", province["transport"])
    headers = auth(drafter)
    response = client.get(f"{API}/{consultation.pk}/export.{fmt}", **headers)
    assert response.status_code == 202
    body = response.json()
    job = FileJob.objects.get()
    assert body["id"] == job.pk and body["state"] == "queued" and body["total"] == 3
    assert body["url"] == f"{API}/export-jobs/{job.pk}" and body["result_url"] is None
    # Asked again while it waits: the same job, no second one.
    again = client.get(f"{API}/{consultation.pk}/export.{fmt}", **headers)
    assert again.status_code == 202 and again.json()["id"] == job.pk
    assert FileJob.objects.count() == 1
    not_ready = client.get(f"{API}/export-jobs/{job.pk}/result", **headers)
    assert not_ready.status_code == 409 and "文件尚未生成" in not_ready.json()["detail"]

    # the export, and the 关注 fan-out of the consultation's opening (kernel/notify)
    assert run_worker_batch() >= 1

    polled = client.get(body["url"], **headers).json()
    assert polled["state"] == "done" and polled["percent"] == 100
    assert polled["result_url"] == f"{API}/export-jobs/{job.pk}/result"
    result = client.get(polled["result_url"], **headers)
    assert result.status_code == 200
    assert f"consultation-{consultation.pk}-comments.{fmt}" in result["Content-Disposition"]
    rows = _rows(fmt, b"".join(result.streaming_content))
    assert sorted(r[3] for r in rows[1:]) == sorted([*BODIES[:2], "'" + BODIES[2]])
    # Another member of staff does not see the job (404 in the one error shape).
    other = auth(staff_with("drafter", province["transport"]))
    for url in (body["url"], polled["result_url"]):
        refused = client.get(url, **other)
        assert refused.status_code == 404 and "不是您发起的" in refused.json()["detail"]


def test_export_over_the_maximum_is_refused(client, province, consultation, settings):
    settings.CONSULTATION_EXPORT_MAX_ROWS = 2
    headers = auth(staff_with("drafter", province["transport"]))
    response = client.get(f"{API}/{consultation.pk}/export.xlsx", **headers)
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"] == [
        "该征求意见共有 3 条意见，超过单次导出上限 2 条。"
    ]
    assert not FileJob.objects.exists()


def test_openapi_documents_the_file_the_job_and_the_poll(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    export = paths[f"{API}/{{consultation_id}}/export.{{fmt}}"]["get"]
    assert {"200", "202", "422"} <= set(export["responses"])
    assert "text/csv" in export["responses"]["200"]["content"]
    poll = paths[f"{API}/export-jobs/{{job_id}}"]["get"]
    assert "200" in poll["responses"] and "404" in poll["responses"]
    result = paths[f"{API}/export-jobs/{{job_id}}/result"]["get"]
    assert {"200", "409", "404"} <= set(result["responses"])
