import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel.accounts.roles import Role
from sunshine.opendata.datasets import services
from sunshine.opendata.datasets.models import AccessGrant, Dataset
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.opendata import HOLIDAY_ROWS, csv_bytes, make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_admin(transport):
    return staff_with(Role.AGENCY_ADMIN, transport, display_name="数据管理员")


def test_catalog_entry_from_form_to_publication(client, data_admin, transport):
    client.force_login(data_admin)
    response = client.post(
        "/workbench/opendata/new/",
        {
            "agency": transport.pk,
            "name": "holidays",
            "title": "法定节假日安排",
            "notes": "国务院办公厅每年发布的部分节假日安排。",
            "topic": "government",
            "industry": "S",
            "open_class": "unconditional",
            "update_frequency": "yearly",
            "license_id": "CC-BY-4.0",
            "tags": "节假日，调休",
        },
    )
    dataset = Dataset.objects.get(name="holidays")
    assert response.status_code == 302 and dataset.tags == ["节假日", "调休"]
    url = f"/workbench/opendata/{dataset.pk}/"
    schema = "date|日期|date||公历日期\nname|节日|string||\nis_off_day|是否放假|boolean||\nyear|年份|integer|年|"
    client.post(url + "schema/", {"schema": schema})
    assert list(dataset.fields.values_list("name", flat=True)) == [
        "date",
        "name",
        "is_off_day",
        "year",
    ]
    upload = SimpleUploadedFile(
        "holidays.csv", csv_bytes(["date", "name", "is_off_day", "year"], HOLIDAY_ROWS)
    )
    client.post(url + "resources/", {"name": "2026年", "format": "CSV", "file": upload})
    assert dataset.resources.get().row_count == len(HOLIDAY_ROWS)
    client.post(url + "publish/", {"note": "首次发布"})
    dataset.refresh_from_db()
    assert dataset.state == "published" and dataset.version == 1
    page = client.get(url).content.decode()
    assert "第 1 版" in page


def test_a_bad_file_is_refused_with_a_message(client, data_admin, transport):
    client.force_login(data_admin)
    dataset = make_dataset(data_admin, transport, publish=False)
    upload = SimpleUploadedFile("x.csv", csv_bytes(["weather"], [["晴"]]))
    response = client.post(
        f"/workbench/opendata/{dataset.pk}/resources/",
        {"name": "x", "format": "CSV", "file": upload},
        follow=True,
    )
    assert "不在字段说明中" in response.content.decode()
    assert dataset.resources.count() == 1


def test_other_agencies_datasets_are_not_found(client, data_admin, transport, province):
    dataset = make_dataset(data_admin, transport)
    client.force_login(staff_with(Role.AGENCY_ADMIN, province["office"]))
    assert client.get(f"/workbench/opendata/{dataset.pk}/").status_code == 404
    assert "法定节假日安排" not in client.get("/workbench/opendata/").content.decode()


def test_review_queue_approve_and_revoke(client, data_admin, transport, citizen):
    dataset = make_dataset(
        data_admin,
        transport,
        name="messages-detail",
        title="网民留言明细",
        open_class="conditional",
        open_conditions="仅用于科研",
    )
    application = services.submit_application(
        dataset=dataset,
        applicant=citizen,
        purpose="研究网民留言的办理时效和满意度。",
        use_scenario="校内统计分析，只发表汇总结果。",
        security_measures="内网服务器存放，专人管理，用后销毁。",
    )
    client.force_login(data_admin)
    queue = client.get("/workbench/opendata/applications/").content.decode()
    assert "网民留言明细" in queue
    url = f"/workbench/opendata/applications/{application.pk}/"
    assert 'id="due"' in client.get(url).content.decode()
    client.post(url, {"decision": "approve", "terms": "仅限科研", "expires_on": "2027-12-31"})
    grant = AccessGrant.objects.get(application=application)
    assert str(grant.expires_on) == "2027-12-31" and grant.key_hash == ""
    assert "仅限科研" in client.get("/workbench/opendata/grants/").content.decode()
    client.post(f"/workbench/opendata/grants/{grant.pk}/revoke/", {"reason": "违反使用条件"})
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoke_reason == "违反使用条件"


def test_yearly_review_pages(client, data_admin, transport):
    make_dataset(data_admin, transport)
    client.force_login(data_admin)
    response = client.post("/workbench/opendata/reviews/", {"agency": transport.pk})
    assert response.status_code == 302
    review_url = response["Location"]
    assert "法定节假日安排" in client.get(review_url).content.decode()
    client.post(review_url, {"note": "已核对"})
    assert "已完成" in client.get(review_url).content.decode()
