"""采集: from another CKAN (the real `ckanapi` client against a live server: our own
/api/3/action/ in another agency's catalog), from DCAT files (our /catalog.ttl, the DCAT-AP 3
sample), idempotent, with the removal of a source dataset withdrawn and failures reported."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.opendata.datasets import harvest, selectors, services
from sunshine.opendata.datasets.dcat import catalog_graph
from sunshine.opendata.datasets.harvest_models import HarvestRecord, HarvestSource
from sunshine.opendata.datasets.models import Dataset
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.opendata import make_dataset

HERE = Path(__file__).parent / "harvest"


@pytest.fixture
def allow_local(settings):
    settings.OPENDATA_HARVEST_ALLOW_PRIVATE = True


@pytest.fixture
def office_admin(province):
    return staff_with(Role.AGENCY_ADMIN, province["office"], display_name="办公厅数据管理员")


def our_catalog_ttl() -> bytes:
    """What /catalog.ttl serves (the same graph, built without a request; the URL names are the
    portal's, reversed here because a domain's tests do not import a shell)."""
    urls = {
        "catalog": reverse("portal:opendata_catalog_ttl"),
        "dataset": lambda name: reverse("portal:opendata_detail", args=[name]),
        "resource": lambda name, rid: reverse("portal:opendata_resource", args=[name, rid]),
        "download": lambda name, rid: reverse("portal:opendata_download", args=[name, rid]),
        "org": selectors.org_slug,
    }
    datasets, total = selectors.catalog_page(page=1, per_page=100)
    graph = catalog_graph(
        datasets=datasets,
        total=total,
        page=1,
        per_page=100,
        base="https://data.example.gov.cn/",
        urls=urls,
        title="目录",
        description="数据资源目录",
        publisher_name="广东省人民政府",
        modified=selectors.last_modified(),
    )
    return graph.serialize(format="turtle", encoding="utf-8")


def outcomes(run) -> dict:
    return {item["id"]: item["outcome"] for item in run.report["items"]}


@pytest.mark.django_db(transaction=True)
def test_ckan_harvest_is_idempotent_updates_and_withdraws(
    live_server, allow_local, data_admin, transport, province, office_admin
):
    holidays = make_dataset(data_admin, transport, name="holidays")
    roads = make_dataset(
        data_admin,
        transport,
        name="roads",
        title="公路里程统计",
        notes="全省公路通车里程。",
        topic="transport",
        fmt="JSON",
    )
    source = harvest.create_source(
        agency=province["office"],
        actor=office_admin,
        name="交通运输厅开放数据",
        kind="ckan",
        url=live_server.url + "/api/3/action/",
        organization=selectors.org_slug(transport),
    )
    first = harvest.run_now(source)
    assert first.state == "done", first.error
    assert (first.created, first.updated, first.unchanged, first.failed) == (2, 0, 0, 0)
    copy = Dataset.objects.get(harvest__remote_id=str(holidays.uuid))
    # Our name was taken (same database): the copy gets the source's suffix.
    assert copy.name == f"holidays-h{source.pk}" and copy.agency == province["office"]
    assert copy.state == "published" and copy.title == "法定节假日安排"
    assert [f.name for f in copy.fields.all()] == ["date", "name", "is_off_day", "year"]
    assert copy.fields.get(name="year").unit == "年"  # the schema carried by package_show
    resource = copy.resources.get()
    assert resource.format == "CSV" and resource.row_count == 6 and resource.attachment_id
    assert resource.sha256 == holidays.resources.get().sha256  # downloaded as is
    record = copy.harvest
    assert record.remote_name == "holidays"
    assert record.remote_url == f"{live_server.url}/sjkf/holidays/"

    second = harvest.run_now(source)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert Dataset.objects.filter(agency=province["office"]).count() == 2

    services.update_dataset(dataset=roads, actor=data_admin, title="公路通车里程统计")
    services.withdraw_dataset(dataset=holidays, actor=data_admin, reason="数据有误")
    third = harvest.run_now(source)
    assert outcomes(third) == {str(roads.uuid): "updated", str(holidays.uuid): "withdrawn"}
    roads_copy = Dataset.objects.get(harvest__remote_id=str(roads.uuid))
    assert roads_copy.title == "公路通车里程统计" and roads_copy.version == 2
    copy.refresh_from_db()
    assert copy.state == "withdrawn"
    assert HarvestRecord.objects.get(dataset=copy).gone_at is not None
    assert harvest.run_now(source).unchanged == 1  # nothing left to do


@pytest.mark.django_db
def test_dcat_files_our_catalog_and_dcat_ap_sample(data_admin, transport, province, office_admin):
    make_dataset(data_admin, transport, name="holidays", spatial="广东省")
    make_dataset(
        data_admin,
        transport,
        name="messages-detail",
        title="网民留言明细",
        open_class="conditional",
        open_conditions="仅用于科研和公益用途",
    )
    turtle = our_catalog_ttl()
    source = harvest.create_source(
        agency=province["office"],
        actor=office_admin,
        name="交通运输厅 DCAT",
        kind="dcat",
        upload=SimpleUploadedFile("catalog.ttl", turtle),
        resource_mode="download",
        topic="transport",
    )
    run = harvest.run_now(source)
    assert run.state == "done", run.error
    assert run.created == 2 and run.failed == 0
    copy = Dataset.objects.get(harvest__remote_name="holidays")
    assert copy.title == "法定节假日安排" and copy.tags == ["节假日", "调休"]
    assert copy.update_frequency == "yearly" and copy.license_id == "CC-BY-4.0"
    assert copy.topic == "government" and copy.spatial == "广东省"
    # An uploaded file has no host to download from: the files are kept as links, and with
    # no 字段说明 in DCAT the entry waits as a draft, which the report says.
    (link,) = copy.resources.all()
    assert link.format == "API" and "/sjkf/holidays/r/" in link.url
    assert copy.state == "draft"
    item = next(i for i in run.report["items"] if i["dataset"] == copy.name)
    assert "草稿" in item["reason"]
    conditional = Dataset.objects.get(harvest__remote_name="messages-detail")
    assert conditional.open_class == "conditional"
    assert conditional.open_conditions == "仅用于科研和公益用途"
    again = harvest.run_now(source)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


@pytest.mark.django_db
def test_dcat_ap_3_sample_command_and_schedule(province, office_admin, transport, data_admin):
    bees = harvest.create_source(
        agency=province["office"],
        actor=office_admin,
        name="DCAT-AP 3 example",
        kind="dcat",
        upload=SimpleUploadedFile(
            "bees.ttl", (HERE / "example-bee-population-2022-2023.ttl").read_bytes()
        ),
    )
    run = harvest.run_now(bees)
    assert run.created == 2
    titles = set(Dataset.objects.filter(harvest__source=bees).values_list("title", flat=True))
    assert titles == {"Bee population 2022", "Bee population 2023"}
    record = HarvestRecord.objects.get(source=bees, remote_name="BeePopulation2022")
    assert record.remote_id == "https://data.gov.gr/id/dataset/BeePopulation2022"
    # manage.py harvest <id>: the same run, its counts printed; nothing new the second time.
    out = io.StringIO()
    call_command("harvest", str(bees.pk), stdout=out)
    assert "created=0 updated=0 unchanged=2" in out.getvalue()
    # The periodic job: a weekly source is due again after 7 days, not before.
    harvest.update_source(source=bees, actor=office_admin, schedule="weekly")
    assert harvest.run_due()["done"] == []
    later = clock.now() + dt.timedelta(days=7)
    assert harvest.run_due(now=later)["done"] == [bees.pk]
    assert bees.runs.filter(trigger="schedule").count() == 1
    # A run by someone without the right to edit that agency's catalog fails, writing nothing.
    run = harvest.run_now(bees, actor=data_admin)
    assert run.state == "failed" and "没有维护" in run.error


JSONLD_WITH_BAD_ENTRY = b"""{
  "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"},
  "@graph": [
    {"@id": "https://example.org/ds/good", "@type": "dcat:Dataset",
     "dct:title": {"@value": "\xe5\xa5\xbd\xe7\x9a\x84\xe6\x95\xb0\xe6\x8d\xae", "@language": "zh"},
     "dct:description": "ok"},
    {"@id": "https://example.org/ds/untitled", "@type": "dcat:Dataset"},
    {"@type": "dcat:Dataset", "dct:title": "blank node without identifier"}
  ]
}"""


@pytest.mark.django_db
def test_failures_are_reported(settings, province, office_admin):
    office = province["office"]
    # Refused before anything is fetched: other schemes, private and loopback addresses.
    for url, message in (
        ("file:///etc/passwd", "http://"),
        ("http://10.1.2.3/catalog.ttl", "内网"),
        ("http://127.0.0.1:18150/", "内网"),
    ):
        with pytest.raises(ValidationError, match=message):
            harvest.create_source(agency=office, actor=office_admin, name="x", kind="dcat", url=url)
    settings.OPENDATA_HARVEST_ALLOW_PRIVATE = True
    # Nobody listens there: the run fails with the reason.
    dead = harvest.create_source(
        agency=office,
        actor=office_admin,
        name="停用的平台",
        kind="ckan",
        url="http://127.0.0.1:18197",
    )
    run = harvest.run_now(dead)
    assert run.state == "failed" and "无法读取 CKAN 接口" in run.error
    # An uploaded file is read when it is given: not RDF, or RDF without a dcat:Dataset, is
    # refused with the reason instead of failing at the first run.
    for content, message in (
        (b"this is not RDF {", "不是可以读取的 DCAT 文件：无法解析 DCAT 文件"),
        (b"<https://example.org/a> <https://example.org/b> 1 .", "中没有数据集"),
    ):
        with pytest.raises(ValidationError, match=message) as refused:
            harvest.create_source(
                agency=office,
                actor=office_admin,
                name="坏文件",
                kind="dcat",
                upload=SimpleUploadedFile("catalog.ttl", content),
            )
        assert set(refused.value.message_dict) == {"file"}
    assert not HarvestSource.objects.filter(name="坏文件").exists()
    # Entry by entry: the good one is created, the others fail with their reasons.
    mixed = harvest.create_source(
        agency=office,
        actor=office_admin,
        name="部分有误",
        kind="dcat",
        upload=SimpleUploadedFile("catalog.jsonld", JSONLD_WITH_BAD_ENTRY),
    )
    run = harvest.run_now(mixed)
    assert run.state == "done" and (run.created, run.failed) == (1, 2)
    reasons = {i["id"]: i["reason"] for i in run.report["items"] if i["outcome"] == "failed"}
    assert "请填写名称" in reasons["https://example.org/ds/untitled"]
    assert "没有唯一标识" in reasons[""]
    assert Dataset.objects.get(harvest__source=mixed).title == "好的数据"


def test_jsonld_with_a_remote_context_is_not_fetched():
    """A JSON-LD file whose @context is a URL is not parsed (the parser would fetch it)."""
    remote = b'{"@context": "https://example.org/context.jsonld", "@id": "x", "@type": "y"}'
    with pytest.raises(harvest.HarvestError, match="无法解析"):
        harvest.parse_dcat(remote, hint="catalog.jsonld")
    nested = b'{"@context": {}, "@graph": [{"@context": ["https://example.org/c"], "@id": "x"}]}'
    with pytest.raises(harvest.HarvestError):
        harvest.parse_dcat(nested, hint="catalog.jsonld")
    inline = JSONLD_WITH_BAD_ENTRY
    assert len(harvest.parse_dcat(inline, hint="catalog.jsonld")) == 3
