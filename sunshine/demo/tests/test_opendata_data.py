"""The 数据开放 demo: at least 20 published entries from the repository's real data in two
agencies, one 有条件开放 with a pending application and a grant, one 不予开放 with its reason
and ground, the 双公示 decisions as a generated entry, a DCAT file harvest source run once (its
entries drafts, outside the 22); a second run adds nothing."""

import io

import pytest

from sunshine.demo import enforcement_data, kernel_data, powers_data, services_data
from sunshine.demo import opendata_data as demo
from sunshine.opendata.datasets.harvest_models import HarvestRun
from sunshine.opendata.datasets.models import AccessApplication, AccessGrant, Dataset, ResourceRow

pytestmark = pytest.mark.django_db


def test_demo_catalog_once():
    kernel_data.load()
    services_data.load(stdout=io.StringIO())
    powers_data.load(stdout=io.StringIO())
    enforcement_data.load(stdout=io.StringIO())
    out = io.StringIO()
    demo.load(stdout=out)
    published = Dataset.objects.filter(state="published")
    own = Dataset.objects.filter(harvest__isnull=True)
    assert published.count() == 22 == own.count()
    assert set(published.values_list("agency__name", flat=True)) == {
        "广东省人民政府办公厅",
        "广东省交通运输厅",
    }
    assert "22 个数据资源" in out.getvalue()
    # The holiday calendar: 2026's 春节 from the State Council's notice (15–23 Feb off,
    # 14 Feb and 28 Feb worked).
    holidays = Dataset.objects.get(name="holidays-2026").resources.get(format="CSV")
    days = {
        r["date"]: r["is_off_day"]
        for r in ResourceRow.objects.filter(resource=holidays).values_list("data", flat=True)
    }
    assert days["2026-02-15"] is True and days["2026-02-23"] is True
    assert days["2026-02-14"] is False and days["2026-02-28"] is False
    # Every open entry has a schema and rows; the API entry a link.
    for dataset in published.exclude(open_class="closed"):
        assert dataset.fields.exists(), dataset.name
        assert dataset.resources.exists(), dataset.name
    assert Dataset.objects.get(name="records-api").resources.get().format == "API"
    closed = Dataset.objects.get(open_class="closed")
    assert "个人信息保护法" in closed.closed_basis and not closed.resources.exists()
    conditional = Dataset.objects.get(open_class="conditional")
    assert AccessApplication.objects.filter(dataset=conditional, status="submitted").count() == 1
    assert AccessGrant.objects.filter(dataset=conditional).count() == 1
    # 双公示: the published decisions of the 交通运输厅's demo, the person masked.
    decisions = Dataset.objects.get(name=demo.ENFORCEMENT_NAME)
    assert decisions.source == "enforcement-decisions"
    rows = list(
        ResourceRow.objects.filter(resource__dataset=decisions, resource__format="CSV")
        .order_by("rownum")
        .values_list("data", flat=True)
    )
    assert len(rows) == 6  # 5 published + 1 withdrawn; the one in 法制审核 is not public
    assert {r["party_name"] for r in rows} >= {"李*", "广州市穗通客运有限公司"}
    # 采集: the uploaded DCAT file, run once: 5 drafts (links only, no 字段说明), 1 failed.
    run = HarvestRun.objects.get(source__name=demo.HARVEST_SOURCE)
    assert (run.state, run.created, run.unchanged, run.failed) == ("done", 5, 0, 1)
    assert Dataset.objects.filter(harvest__isnull=False, state="draft").count() == 5
    failed = [i for i in run.report["items"] if i["outcome"] == "failed"]
    assert failed[0]["title"] == "停车场泊位（缺少标识）" and "唯一标识" in failed[0]["reason"]
    demo.load(stdout=io.StringIO())
    assert own.count() == 22 and AccessApplication.objects.count() == 2
    assert HarvestRun.objects.count() == 1 and Dataset.objects.count() == 27
