"""Large catalog imports and exports (issue 12.3): refused past the row limit, run as a
background task past the synchronous limit, with a progress page (refreshed by an HTTP
Refresh header, no script) and a result page, through the real task worker."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sunshine.disclosure.catalog import services
from sunshine.disclosure.catalog.models import CatalogItem
from sunshine.disclosure.catalog.xlsx import HEADER, read_workbook
from sunshine.kernel.files.filejobs import claim_job, report_progress
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.files.testing import make_docx_bomb, make_xlsx
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.testing.factories import staff_with

WB = "/workbench/catalog/"


def _row(n: int, *, channels: str = "政府网站、政府公报") -> list:
    return [
        str(n),
        "重大建设项目",
        f"批准服务信息{n}",
        f"第 {n} 项的申报要求和批准结果",
        "《政府信息公开条例》",
        "信息形成或变更之日起20个工作日内",
        "广东省交通运输厅",
        channels,
        "全社会",
        "主动",
        "县级",
    ]


def catalog_file(rows: int, *, bad_rows: tuple[int, ...] = ()) -> SimpleUploadedFile:
    body = [
        _row(n, channels="飞鸽传书" if n in bad_rows else "政府网站、政府公报")
        for n in range(1, rows + 1)
    ]
    return SimpleUploadedFile("目录.xlsx", make_xlsx([HEADER, *body]))


@pytest.fixture
def officer(province, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return staff_with("disclosure_officer", province["transport"])


def _import(client, officer, upload):
    client.force_login(officer)
    return client.post(f"{WB}{officer.agency.pk}/import/", {"file": upload})


@pytest.mark.django_db
def test_import_over_the_row_limit_is_refused_clearly(client, officer, settings):
    settings.CATALOG_IMPORT_MAX_ROWS = 50
    response = _import(client, officer, catalog_file(80))
    html = response.content.decode()
    assert response.status_code == 200
    assert "文件约有 81 行，超过单次导入上限 50 行。请分成多个文件导入。" in html
    assert not CatalogItem.objects.exists() and not FileJob.objects.exists()
    # Within the estimate's slack for title rows, the parsed rows are counted exactly.
    html = _import(client, officer, catalog_file(55)).content.decode()
    assert "文件约有 55 行，超过单次导入上限 50 行。" in html
    assert not CatalogItem.objects.exists()
    html = client.get(f"{WB}{officer.agency.pk}/import/").content.decode()
    assert "单个文件最多 50 行" in html


@pytest.mark.django_db
def test_import_of_a_decompression_bomb_is_refused_clearly(client, officer):
    bomb = make_docx_bomb(300 * 1024 * 1024)  # a zip, but not an XLSX: refused by type
    response = _import(client, officer, SimpleUploadedFile("目录.xlsx", bomb))
    assert "文件扩展名“.xlsx”与文件内容" in response.content.decode()
    # An XLSX whose sheet unpacks past the limit: refused before it is parsed.
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_xlsx([HEADER, _row(1)]))) as small:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as big:
            for info in small.infolist():
                data = small.read(info.filename)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"</sheetData>", b"</sheetData>" + b" " * (250 << 20))
                big.writestr(info.filename, data)
    response = _import(client, officer, SimpleUploadedFile("目录.xlsx", out.getvalue()))
    html = response.content.decode()
    assert "文件过大，无法导入：解压后共" in html and "超过上限 200.0\xa0MB" in html
    assert not CatalogItem.objects.exists()


def test_reading_and_checking_report_progress_every_thousand_rows():
    seen: list[int] = []
    checked: list[int] = []
    rows, errors = read_workbook(
        io.BytesIO(catalog_file(2500).read()),
        max_rows=3000,
        progress=seen.append,
        checked=checked.append,
    )
    assert (len(rows), errors) == (2500, [])
    assert seen == [1000, 2000]  # rows read by the worker
    assert checked == [1000, 2000]  # spreadsheet rows checked here


@pytest.mark.django_db(transaction=True)
def test_large_import_runs_as_a_task_with_progress_and_a_result_page(client, officer, settings):
    settings.CATALOG_IMPORT_SYNC_ROWS = 20
    response = _import(client, officer, catalog_file(60))
    job = FileJob.objects.get()
    assert response.status_code == 302 and response.url == f"/workbench/jobs/{job.pk}/"
    assert (job.kind, job.state, job.total, job.created_by) == (
        "catalog.import",
        "queued",
        61,
        officer,
    )
    assert not CatalogItem.objects.exists()  # nothing done inside the request
    page = client.get(response.url)
    assert page["Refresh"] == "2"
    html = page.content.decode()
    assert "排队中" in html and '<progress class="filejob-progress" value="0" max="100"' in html
    assert f'href="/workbench/jobs/{job.pk}/">刷新</a>' in html  # works without the header too
    assert "<script" not in html

    assert run_worker_batch() == 1
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", 122, 122)  # read 61, checked 61
    assert job.report == {"created": 60, "updated": 0, "unchanged": 0}
    assert CatalogItem.objects.filter(catalog__agency=officer.agency).count() == 60
    assert not job.source and job.source_name == "目录.xlsx"  # the upload is not kept
    page = client.get(f"/workbench/jobs/{job.pk}/")
    assert not page.has_header("Refresh")
    html = page.content.decode()
    assert (
        "已完成" in html
        and "导入完成：新增 60 项，修改 0 项，未变 0 项。" in html
        and "查看目录" in html
    )
    assert f'href="{WB}{officer.agency.pk}/"' in html  # the result: the catalog itself
    # Someone else cannot see the job.
    client.force_login(staff_with("disclosure_officer", officer.agency))
    assert client.get(f"/workbench/jobs/{job.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_large_import_with_bad_rows_saves_nothing_and_lists_them(client, officer, settings):
    settings.CATALOG_IMPORT_SYNC_ROWS = 20
    _import(client, officer, catalog_file(40, bad_rows=(7, 33)))
    assert run_worker_batch() == 1
    job = FileJob.objects.get()
    assert job.state == "failed"
    assert job.error == "文件中有 2 处问题，未导入任何事项。请修改后重新上传。"
    html = client.get(f"/workbench/jobs/{job.pk}/").content.decode()
    assert "未完成" in html and "未知的选项“飞鸽传书”" in html
    assert '<td class="num">8</td>' in html and '<td class="num">34</td>' in html
    assert not CatalogItem.objects.exists()


@pytest.mark.django_db
def test_progress_page_while_running(client, officer):
    job = FileJob.objects.create(
        kind="catalog.import",
        title="导入目录",
        agency=officer.agency,
        created_by=officer,
        created_at=officer.date_joined,
        total=4000,
    )
    claim_job(job.pk)
    report_progress(job.pk, done=1000, stage="正在读取和检查文件")
    client.force_login(officer)
    page = client.get(f"/workbench/jobs/{job.pk}/")
    html = page.content.decode()
    assert page["Refresh"] == "2"
    assert "进行中" in html and 'value="25" max="100"' in html
    assert "25%（1000 / 4000） · 正在读取和检查文件" in html and "正在读取和检查文件" in html


@pytest.mark.django_db(transaction=True)
def test_large_export_runs_as_a_task_and_offers_the_file(client, officer, settings):
    settings.CATALOG_EXPORT_SYNC_ROWS = 5
    catalog = services.get_or_create_catalog(agency=officer.agency, actor=officer)
    for n in range(8):
        services.create_item(
            catalog=catalog,
            actor=officer,
            category="重大建设项目",
            subcategory=f"批准服务信息{n}",
            content=f"第 {n} 项",
            channels=["website"],
        )
    client.force_login(officer)
    url = f"{WB}{officer.agency.pk}/export.xlsx"
    page = client.get(url)
    assert page.status_code == 200 and "本目录有 8 项，表格将在后台生成" in page.content.decode()
    assert not FileJob.objects.exists()  # a GET starts nothing
    response = client.post(url)
    job = FileJob.objects.get()
    assert response.status_code == 302 and response.url == f"/workbench/jobs/{job.pk}/"
    assert run_worker_batch() == 1
    html = client.get(response.url).content.decode()
    assert "文件已生成，共 8 行。" in html
    assert f'href="/workbench/jobs/{job.pk}/result/"' in html
    download = client.get(f"/workbench/jobs/{job.pk}/result/")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and len(rows) == 9
    # A small catalog still downloads at once.
    settings.CATALOG_EXPORT_SYNC_ROWS = 100
    assert client.get(url)["Content-Type"].startswith("application/vnd.openxmlformats")
