import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.opendata.datasets import selectors, services
from sunshine.opendata.datasets.models import AccessGrant, Dataset, ResourceRow
from sunshine.opendata.datasets.rules import ACCESS_REVIEW, CATALOG_REVIEW
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.opendata import (
    HOLIDAY_ROWS,
    csv_bytes,
    make_dataset,
    metadata,
)

pytestmark = pytest.mark.django_db


def test_publish_loads_rows_typed_by_schema_and_keeps_a_version(data_admin, transport):
    dataset = make_dataset(data_admin, transport)
    assert dataset.state == "published" and dataset.version == 1
    resource = dataset.resources.get()
    assert resource.row_count == len(HOLIDAY_ROWS) and resource.datastore_active
    first = ResourceRow.objects.get(resource=resource, rownum=1).data
    assert first == {"date": "2026-01-01", "name": "元旦", "is_off_day": True, "year": 2026}
    # The file is a kernel attachment; the download keeps the CSV name.
    assert resource.attachment.sha256 == resource.sha256 and resource.filename == "holidays.csv"
    version = dataset.versions.get()
    assert version.snapshot["resources"][0]["sha256"] == resource.sha256
    assert dataset.formats.split() == ["CSV"]
    assert AuditEvent.objects.filter(action="dataset.publish", object_id=str(dataset.pk)).exists()


@pytest.mark.parametrize("fmt", ["XLSX", "JSON"])
def test_xlsx_and_json_files_load_the_same_rows(data_admin, transport, fmt):
    dataset = make_dataset(data_admin, transport, fmt=fmt, name=f"h-{fmt.lower()}")
    resource = dataset.resources.get()
    records, total, _estimated = selectors.datastore_search(resource, filters={"name": "春节"})
    assert total == 2
    assert [r["date"] for r in records] == ["2026-02-15", "2026-02-16"]
    assert all(r["year"] == 2026 for r in records)


def test_gb18030_csv_is_read(data_admin, transport):
    dataset = make_dataset(data_admin, transport, publish=False)
    content = csv_bytes(
        ["date", "name", "is_off_day", "year"], [["2026-05-01", "劳动节", "是", "2026"]], "gb18030"
    )
    resource = services.add_resource(
        dataset=dataset, actor=data_admin, name="GBK", format="CSV", content=content
    )
    assert ResourceRow.objects.get(resource=resource).data["name"] == "劳动节"
    assert ResourceRow.objects.get(resource=resource).data["is_off_day"] is True


def test_a_column_missing_from_the_schema_is_refused(data_admin, transport):
    dataset = make_dataset(data_admin, transport, publish=False)
    with pytest.raises(ValidationError, match="不在字段说明中"):
        services.add_resource(
            dataset=dataset,
            actor=data_admin,
            name="x",
            format="CSV",
            content=csv_bytes(["date", "weather"], [["2026-01-01", "晴"]]),
        )


def test_closed_entry_needs_reason_and_legal_ground_and_has_no_data(data_admin, transport):
    with pytest.raises(ValidationError) as refused:
        services.create_dataset(
            agency=transport, actor=data_admin, name="secret", **metadata(open_class="closed")
        )
    assert {"closed_reason", "closed_basis"} <= set(refused.value.message_dict)
    dataset = make_dataset(
        data_admin,
        transport,
        name="secret",
        open_class="closed",
        closed_reason="涉及个人隐私",
        closed_basis="《中华人民共和国个人信息保护法》第十三条",
    )
    assert dataset.state == "published" and not dataset.resources.exists()
    with pytest.raises(ValidationError):
        services.add_resource(
            dataset=dataset, actor=data_admin, name="x", format="CSV", content=b"a\n1\n"
        )


def test_open_entry_needs_a_resource_and_a_schema_to_publish(data_admin, transport):
    dataset = services.create_dataset(
        agency=transport, actor=data_admin, name="empty", **metadata()
    )
    with pytest.raises(ValidationError, match="至少要有一个"):
        services.publish_dataset(dataset=dataset, actor=data_admin)


def test_another_agencys_staff_may_not_edit(data_admin, transport, province):
    outsider = staff_with(Role.AGENCY_ADMIN, province["office"])
    dataset = make_dataset(data_admin, transport)
    with pytest.raises(PermissionDenied):
        services.update_dataset(dataset=dataset, actor=outsider, title="改")
    drafter = staff_with(Role.DRAFTER, transport)
    with pytest.raises(PermissionDenied):  # drafters edit, they do not publish
        services.publish_dataset(dataset=dataset, actor=drafter)


def test_quality_score_follows_the_formula(data_admin, transport):
    with clock.frozen(dt.date(2026, 3, 1)):
        dataset = make_dataset(data_admin, transport, update_frequency="monthly")
        quality = selectors.quality_of(dataset)
        # Every metadata item filled (10/10), updated today, CSV: 100 × (0.4 + 0.3 + 0.3).
        assert (quality.completeness, quality.timeliness, quality.openness) == (1.0, 1.0, 1.0)
        assert dataset.quality_score == 100
    # 46 days later (15 days past the 31-day period): timeliness 1 − 15/31.
    with clock.frozen(dt.date(2026, 4, 16)):
        quality = selectors.quality_of(dataset)
        assert quality.timeliness == pytest.approx(1 - 15 / 31)
        assert quality.score == round(100 * (0.4 + 0.3 * (1 - 15 / 31) + 0.3))
        assert services.refresh_quality() == 1
        dataset.refresh_from_db()
        assert dataset.quality_score == quality.score == 85  # 85.48


def test_datastore_pages_by_rownum_and_filters(data_admin, transport):
    dataset = make_dataset(data_admin, transport)
    resource = dataset.resources.get()
    page, total, _estimated = selectors.datastore_search(resource, limit=2, offset=2)
    assert total == 6 and [r["_id"] for r in page] == [3, 4]
    rows, total, _estimated = selectors.datastore_search(resource, filters={"is_off_day": "false"})
    assert total == 1 and rows[0]["date"] == "2026-01-04"
    rows, total, _estimated = selectors.datastore_search(
        resource, filters={"name": ["元旦", "国庆节"]}
    )
    assert total == 4
    rows, total, _estimated = selectors.datastore_search(resource, q="国庆")
    assert [r["date"] for r in rows] == ["2026-10-01"]
    from sunshine.opendata.datasets.datastore import DatastoreError

    with pytest.raises(DatastoreError):
        selectors.datastore_search(resource, filters={"nope": 1})


def conditional(data_admin, transport):
    return make_dataset(
        data_admin,
        transport,
        name="messages-detail",
        title="网民留言明细",
        open_class="conditional",
        open_conditions="仅用于科研和公益用途，不得再向第三方提供",
    )


APPLICATION = {
    "purpose": "研究网民留言的办理时效，撰写学术论文。",
    "use_scenario": "在校内服务器上做统计分析，只发表汇总结果。",
    "security_measures": "数据存放在内网服务器，专人管理，研究结束后销毁。",
}


def test_application_runs_on_a_10_working_day_clock(data_admin, transport, citizen):
    dataset = conditional(data_admin, transport)
    # Monday 28 September 2026: 29, 30 Sep; 1–7 Oct off (国庆); 8, 9, 10 (Saturday, 调休),
    # 12–16 Oct: the tenth working day is Friday 16 October.
    with clock.frozen(dt.date(2026, 9, 28)):
        application = services.submit_application(dataset=dataset, applicant=citizen, **APPLICATION)
    deadline = open_clock(application, ACCESS_REVIEW)
    assert deadline.due_date == dt.date(2026, 10, 16)
    with pytest.raises(ValidationError, match="正在审核"):
        services.submit_application(dataset=dataset, applicant=citizen, **APPLICATION)


def test_unconditional_data_needs_no_application(data_admin, transport, citizen):
    dataset = make_dataset(data_admin, transport)
    with pytest.raises(ValidationError):
        services.submit_application(dataset=dataset, applicant=citizen, **APPLICATION)


def test_grant_key_is_kept_as_a_hash_and_stops_on_revocation(data_admin, transport, citizen):
    dataset = conditional(data_admin, transport)
    application = services.submit_application(dataset=dataset, applicant=citizen, **APPLICATION)
    grant = services.approve_application(
        application=application,
        actor=data_admin,
        terms="仅限科研使用",
        expires_on=clock.today() + dt.timedelta(days=30),
    )
    assert open_clock(application, ACCESS_REVIEW) is None
    with pytest.raises(PermissionDenied):
        services.issue_key(grant=grant, actor=data_admin)  # only the grantee draws the key
    key = services.issue_key(grant=grant, actor=citizen)
    stored = AccessGrant.objects.get(pk=grant.pk)
    assert key not in (stored.key_hash, stored.key_prefix) and len(stored.key_hash) == 64
    assert not AuditEvent.objects.filter(data__icontains=key[12:]).exists()
    assert services.use_key(key, dataset) == grant
    assert services.use_key(key[:-1] + ("A" if key[-1] != "A" else "B"), dataset) is None
    other = make_dataset(data_admin, transport, name="other")
    assert services.use_key(key, other) is None
    # A new key replaces the old one.
    newer = services.issue_key(grant=grant, actor=citizen)
    assert services.use_key(key, dataset) is None and services.use_key(newer, dataset) == grant
    with clock.frozen(clock.today() + dt.timedelta(days=31)):
        assert services.use_key(newer, dataset) is None  # expired
    services.revoke_grant(grant=grant, actor=data_admin, reason="违反使用条件")
    assert services.use_key(newer, dataset) is None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"dataset.apply", "dataset.grant", "dataset.key_issue", "dataset.revoke"} <= actions


def test_rejection_needs_a_reason_and_stops_the_clock(data_admin, transport, citizen):
    dataset = conditional(data_admin, transport)
    application = services.submit_application(dataset=dataset, applicant=citizen, **APPLICATION)
    with pytest.raises(ValidationError):
        services.reject_application(application=application, actor=data_admin, reason=" ")
    services.reject_application(application=application, actor=data_admin, reason="用途不明确")
    application.refresh_from_db()
    assert application.status == "rejected" and open_clock(application, ACCESS_REVIEW) is None


def test_yearly_catalog_review_on_a_clock(data_admin, transport):
    make_dataset(data_admin, transport)
    with clock.frozen(dt.date(2026, 11, 30)):
        assert services.open_due_reviews() == {"opened": 0}  # not yet December
    with clock.frozen(dt.date(2026, 12, 1)):
        assert services.open_due_reviews() == {"opened": 1}
        assert services.open_due_reviews() == {"opened": 0}  # idempotent
        review = selectors.catalog_reviews(data_admin).get()
        assert open_clock(review, CATALOG_REVIEW) is not None
        services.complete_catalog_review(review=review, actor=data_admin, note="已逐项核对")
    assert open_clock(review, CATALOG_REVIEW) is None
    assert Dataset.objects.filter(reviewed_at__isnull=True).count() == 0


def test_search_with_fq_and_facets(data_admin, transport, province):
    make_dataset(data_admin, transport, name="a-one", tags=["交通"], topic="transport")
    make_dataset(data_admin, transport, name="b-two", fmt="JSON", tags=["交通", "公路"])
    office_admin = staff_with(Role.AGENCY_ADMIN, province["office"])
    make_dataset(office_admin, province["office"], name="c-three", title="政策文件索引")
    found = selectors.search(
        q="节假日", fq="tags:交通", facet_fields=("tags", "res_format", "organization")
    )
    assert found.count == 2
    assert dict((v, n) for v, _d, n in found.facets["res_format"]) == {"CSV": 1, "JSON": 1}
    assert found.facets["tags"][0][:1] + found.facets["tags"][0][2:] == ("交通", 2)
    assert selectors.search(fq="res_format:JSON").count == 1
    assert selectors.search(q="政策 -tags:交通").count == 1
    with pytest.raises(selectors.SearchQueryError):
        selectors.search(fq="nosuchfield:1")
    assert [d.name for d in selectors.search(sort="name desc", rows=2).results] == [
        "c-three",
        "b-two",
    ]
