"""The 采集 pages: add a DCAT source by upload (a bad URL refused with the answers kept), run
it as a background job (kernel FileJob), read the report; other agencies' sources are 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.files.models import FileJob
from sunshine.opendata.datasets import harvest
from sunshine.opendata.datasets.harvest_models import HarvestRun, HarvestSource
from sunshine.testing.factories import staff_with

pytestmark = pytest.mark.django_db

TURTLE = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://data.example.org/ds/roads> a dcat:Dataset ;
  dct:identifier "roads-2026" ;
  dct:title "公路里程"@zh ;
  dct:description "全省公路通车里程。"@zh ;
  dcat:keyword "公路"@zh ;
  dcat:distribution [ a dcat:Distribution ; dct:title "公路里程（CSV）"@zh ;
    dcat:downloadURL <https://data.example.org/files/roads.csv> ;
    dcat:accessURL <https://data.example.org/files/roads.csv> ] .
""".encode()

FORM = {
    "name": "示例目录",
    "kind": "dcat",
    "schedule": "weekly",
    "resource_mode": "link",
    "publish": "on",
    "topic": "transport",
    "industry": "G",
    "license_id": "CC-BY-4.0",
    "active": "on",
}


def test_source_by_upload_run_as_job_and_report(
    client, transport, province, django_capture_on_commit_callbacks
):
    admin = staff_with(Role.AGENCY_ADMIN, transport, display_name="数据管理员")
    client.force_login(admin)
    assert "数据采集" in client.get("/workbench/opendata/").content.decode()
    refused = client.post(
        "/workbench/opendata/harvest/new/",
        {**FORM, "agency": transport.pk, "url": "file:///etc/passwd"},
    )
    page = refused.content.decode()
    assert refused.status_code == 200 and "示例目录" in page  # the answers are kept
    assert not HarvestSource.objects.exists()
    response = client.post(
        "/workbench/opendata/harvest/new/",
        {**FORM, "agency": transport.pk, "file": SimpleUploadedFile("catalog.ttl", TURTLE)},
    )
    source = HarvestSource.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/harvest/{source.pk}/")
    assert source.filename == "catalog.ttl" and source.schedule == "weekly"
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/workbench/opendata/harvest/{source.pk}/run/")
    run = HarvestRun.objects.get()
    assert response["Location"].endswith(f"/harvest/{source.pk}/runs/{run.pk}/")
    waiting = client.get(response["Location"])
    assert waiting["Refresh"] == "2" and "排队中" in waiting.content.decode()
    assert run.job.kind == "opendata.harvest" and run.job.params == {"run": run.pk}
    assert harvest.run_job(run.job_id) == "done"  # what the task does
    assert FileJob.objects.get(pk=run.job_id).report["created"] == 1
    report = client.get(response["Location"])
    text = report.content.decode()
    assert "Refresh" not in report and "公路里程" in text and "新增" in text
    assert "草稿" in text  # links only and no 字段说明: kept as a draft, the report says why
    listing = client.get("/workbench/opendata/harvest/").content.decode()
    assert "示例目录" in listing and "已完成" in listing


def test_other_agencies_sources_are_hidden(client, transport, province):
    office_admin = staff_with(Role.AGENCY_ADMIN, province["office"])
    source = harvest.create_source(
        agency=province["office"],
        actor=office_admin,
        name="办公厅来源",
        kind="dcat",
        upload=SimpleUploadedFile("c.ttl", TURTLE),
    )
    client.force_login(staff_with(Role.AGENCY_ADMIN, transport))
    assert client.get(f"/workbench/opendata/harvest/{source.pk}/").status_code == 404
    assert client.post(f"/workbench/opendata/harvest/{source.pk}/run/").status_code == 404
    assert "办公厅来源" not in client.get("/workbench/opendata/harvest/").content.decode()
