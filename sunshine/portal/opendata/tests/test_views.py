import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from sunshine.kernel import clock
from sunshine.opendata.datasets import services
from sunshine.opendata.datasets.models import AccessApplication, Dataset

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_search_with_facets(client, datasets):
    page = client.get("/sjkf/").content.decode()
    for title in ("法定节假日安排", "网民留言明细", "机动车车主信息"):
        assert title in page
    assert "共 3 个数据资源" in page
    only = client.get("/sjkf/?open_class=conditional").content.decode()
    assert "网民留言明细" in only and "法定节假日安排" not in only and "共 1 个数据资源" in only
    by_format = client.get("/sjkf/?res_format=JSON").content.decode()
    assert "共 0 个数据资源" in by_format  # the 不予开放 entry has no files
    words = client.get("/sjkf/?q=留言").content.decode()
    assert "网民留言明细" in words and "法定节假日安排" not in words


def test_dataset_page_preview_schema_quality_api(client, datasets):
    page = client.get("/sjkf/holidays/").content.decode()
    assert 'id="preview"' in page and "2026-01-01" in page and "元旦" in page
    assert "是否放假" in page  # 字段说明
    assert "100 × (0.4 × 完整性 + 0.3 × 及时性 + 0.3 × 开放性)" in page
    assert "/api/3/action/package_show?id=holidays" in page
    assert "datastore_search?resource_id=" in page


def test_download_counts(client, datasets):
    resource = datasets["open"].resources.get()
    response = client.get(f"/sjkf/holidays/r/{resource.uuid}/download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="holidays.csv"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("date,name,is_off_day,year")
    assert Dataset.objects.get(name="holidays").download_count == 1


def test_conditional_data_is_not_previewed_or_downloaded_without_a_grant(
    client, datasets, citizen, data_admin
):
    dataset = datasets["conditional"]
    resource = dataset.resources.get()
    page = client.get("/sjkf/messages-detail/").content.decode()
    assert 'id="preview"' not in page and "申请使用" in page
    url = f"/sjkf/messages-detail/r/{resource.uuid}/download/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    # Apply through the form; the agency approves; the file and the preview open.
    form = {
        "organization": "某大学",
        "purpose": "研究网民留言的办理时效和满意度。",
        "use_scenario": "校内统计分析，只发表汇总结果。",
        "security_measures": "内网服务器存放，专人管理，用后销毁。",
    }
    assert client.post("/sjkf/messages-detail/apply/", form).status_code == 302
    application = AccessApplication.objects.get(owner=citizen)
    services.approve_application(
        application=application,
        actor=data_admin,
        terms="仅限科研",
        expires_on=clock.today() + dt.timedelta(days=30),
    )
    assert client.get(url).status_code == 200
    assert 'id="preview"' in client.get("/sjkf/messages-detail/").content.decode()
    # The key is drawn by the grantee and shown once.
    grant = application.grant
    shown = client.post(f"/sjkf/my/grants/{grant.pk}/key/").content.decode()
    assert 'id="new-key"' in shown
    key = shown.split('id="new-key">')[1].split("<")[0]
    assert services.use_key(key, dataset) is not None
    assert key not in client.get("/sjkf/my/").content.decode()


def test_closed_entry_shows_reason_and_ground(client, datasets):
    page = client.get("/sjkf/vehicle-owners/").content.decode()
    assert "涉及个人信息" in page and "个人信息保护法》第十三条" in page


def test_atom_feed_of_new_datasets(client, datasets):
    response = client.get("/sjkf/feed.atom")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert set(titles) == {"法定节假日安排", "网民留言明细", "机动车车主信息"}


def test_withdrawn_dataset_is_gone(client, datasets, data_admin):
    services.withdraw_dataset(dataset=datasets["open"], actor=data_admin, reason="数据有误")
    assert client.get("/sjkf/holidays/").status_code == 404


def test_sitemap_lists_the_published_datasets(client, datasets, data_admin):
    services.withdraw_dataset(dataset=datasets["closed"], actor=data_admin, reason="重新评估")
    body = client.get("/sitemap.xml").content.decode()
    assert "/sjkf/</loc>" in body and "/sjkf/holidays/</loc>" in body
    assert "/sjkf/messages-detail/</loc>" in body and "/sjkf/vehicle-owners/" not in body
