"""行政执法公示 (双公示) offered as an open dataset: generated from the portal's public view of
the decisions (natural persons masked), published, refreshed when a decision is withdrawn."""

import csv
import datetime as dt
import io

import pytest

from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.opendata.datasets import services
from sunshine.opendata.datasets.models import Dataset
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.enforcement import EnforcementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_admin(transport):
    return staff_with(Role.AGENCY_ADMIN, transport, display_name="数据管理员")


def download_rows(client, dataset) -> list[dict]:
    resource = dataset.resources.get(format="CSV")
    response = client.get(f"/sjkf/{dataset.name}/r/{resource.uuid}/download/")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_double_publicity_dataset_from_the_workbench(client, data_admin, transport):
    factory = EnforcementFactory(transport, data_admin)
    recent = clock.today() - dt.timedelta(days=2)
    factory.license("粤交运许〔2026〕1001号", "道路运输经营许可", "广州市穗通客运有限公司",
                    decided_on=recent, publish=True)  # fmt: skip
    factory.penalty("粤交罚〔2026〕202号", "车辆超限运输案", "李四", person=True,
                    decided_on=recent, publish=True)  # fmt: skip
    late = factory.penalty("粤交罚〔2026〕150号", "擅自改装营运车辆案", "中山市利达运输有限公司",
                           decided_on=recent, publish=True)  # fmt: skip
    factory.penalty("粤交罚〔2026〕205号", "未公示的案件", "某公司")  # registered, not published

    client.force_login(data_admin)
    assert "从平台数据生成" in client.get("/workbench/opendata/").content.decode()
    page = client.get("/workbench/opendata/new/generated/").content.decode()
    assert "行政执法公示（双公示）" in page
    response = client.post(
        "/workbench/opendata/new/generated/",
        {"agency": transport.pk, "source": "enforcement-decisions", "name": "xzzf"},
    )
    assert response.status_code == 302
    dataset = Dataset.objects.get(name="xzzf")
    assert dataset.source == "enforcement-decisions" and dataset.open_class == "unconditional"
    detail = client.get(response["Location"]).content.decode()
    assert "立即更新数据" in detail and "行政执法公示（双公示）" in detail
    client.post(f"/workbench/opendata/{dataset.pk}/publish/", {"note": "首次发布"})
    dataset.refresh_from_db()
    assert dataset.state == "published"

    rows = download_rows(client, dataset)
    assert [r["doc_number"] for r in rows] == [
        "粤交运许〔2026〕1001号",
        "粤交罚〔2026〕202号",
        "粤交罚〔2026〕150号",
    ]
    person = rows[1]
    assert person["party_name"] == "李*" and person["credit_code"] == ""
    assert "11010519491231002X" not in str(rows)
    assert rows[0]["kind"] == "行政许可" and rows[2]["fine_amount"] == "2"

    # A decision withdrawn after 行政复议: the refresh keeps its number and the reason only.
    factory.withdraw(late, revoked_on=clock.today(), reason="经行政复议，原处罚决定被撤销。")
    client.post(f"/workbench/opendata/{dataset.pk}/refresh/")
    dataset.refresh_from_db()
    assert dataset.version == 2
    withdrawn = download_rows(client, dataset)[2]
    assert withdrawn["withdrawn"] == "True" and withdrawn["content"] == ""
    assert withdrawn["withdraw_reason"] == "经行政复议，原处罚决定被撤销。"
    # Nothing changed since: no new version.
    assert services.refresh_generated(dataset=dataset, actor=data_admin) is False
