"""Editing a catalog: items, links to records, permissions on the agency, the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.disclosure.catalog import selectors, services
from sunshine.disclosure.catalog.models import Catalog, CatalogItem
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.audit.services import verify_chain
from sunshine.testing.factories.catalog import ITEM, catalog, item, published_record
from sunshine.testing.factories.records import draft, record_in

pytestmark = pytest.mark.django_db


def actions(obj) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).values_list("action", flat=True)
    )


def test_create_item_parses_the_time_limit_and_is_audited(catalog_people):
    entry = item(catalog_people)
    assert entry.catalog.agency == catalog_people["agency"]
    assert (entry.limit_kind, entry.limit_unit, entry.limit_length) == ("event", "wd", 20)
    assert entry.channels == ["website", "gazette"] and entry.levels == ["city", "county"]
    assert actions(entry) == ["catalog.item_create"]
    assert actions(entry.catalog) == ["catalog.create"]
    assert verify_chain().ok


def test_channels_and_levels_are_sets_in_the_fixed_order(catalog_people):
    entry = item(
        catalog_people, channels=["other", "website", "website"], levels=["township", "city"]
    )
    assert entry.channels == ["website", "other"]
    assert entry.levels == ["city", "township"]


def test_every_problem_is_reported_at_once(catalog_people):
    with pytest.raises(ValidationError) as exc:
        item(catalog_people, category=" ", content="", channels=["telegraph"], audience="x")
    errors = exc.value.message_dict
    assert set(errors) == {"category", "content", "channels", "audience"}
    assert "请填写一级事项。" in errors["category"]
    assert "telegraph" in errors["channels"][0]
    with pytest.raises(ValidationError) as exc:
        item(catalog_people, channels=[])
    assert exc.value.message_dict["channels"] == ["请至少选择一个公开渠道和载体。"]
    assert not CatalogItem.objects.exists()


def test_update_changes_only_what_is_given_and_audits_before_and_after(catalog_people):
    entry = item(catalog_people)
    services.update_item(item=entry, actor=catalog_people["officer"], time_limit="每年3月底前")
    entry.refresh_from_db()
    assert entry.content == ITEM["content"]
    assert (entry.limit_kind, entry.limit_month, entry.limit_day) == ("yearly", 3, 31)
    event = AuditEvent.objects.get(action="catalog.item_update")
    assert event.data["fields"] == [
        "limit_day",
        "limit_kind",
        "limit_length",
        "limit_month",
        "limit_unit",
        "time_limit",
    ]
    assert event.before_digest and event.after_digest and event.before_digest != event.after_digest
    # Saving the same values again is no change and no event.
    services.update_item(item=entry, actor=catalog_people["officer"], time_limit="每年3月底前")
    assert AuditEvent.objects.filter(action="catalog.item_update").count() == 1


def test_delete_removes_the_item_and_its_links(catalog_people):
    entry = item(catalog_people)
    record = published_record(catalog_people)
    services.link_record(item=entry, record=record, actor=catalog_people["officer"])
    services.delete_item(item=entry, actor=catalog_people["officer"])
    assert not CatalogItem.objects.exists()
    event = AuditEvent.objects.get(action="catalog.item_delete")
    assert event.data["records"] == [record.pk]


def test_only_the_agencys_officers_and_admins_edit_its_catalog(catalog_people):
    entry = item(catalog_people)
    for name in ("drafter", "approver", "other_officer", "other_drafter"):
        with pytest.raises(PermissionDenied):
            services.update_item(item=entry, actor=catalog_people[name], content="改")
        with pytest.raises(PermissionDenied):
            item(catalog_people, cat=entry.catalog, actor=catalog_people[name])
    with pytest.raises(PermissionDenied):
        services.create_catalog(
            agency=catalog_people["agency"], actor=catalog_people["other_officer"]
        )
    services.update_item(item=entry, actor=catalog_people["admin"], content="由管理员修改")
    # The transport officer edits the transport catalog, not the office's.
    theirs = item(
        catalog_people, cat=catalog(catalog_people, agency=catalog_people["other_agency"])
    )
    assert theirs.catalog.agency == catalog_people["other_agency"]
    with pytest.raises(PermissionDenied):
        services.delete_item(item=theirs, actor=catalog_people["officer"])


def test_one_catalog_per_agency(catalog_people):
    catalog(catalog_people)
    with pytest.raises(ValidationError):
        services.create_catalog(agency=catalog_people["agency"], actor=catalog_people["officer"])
    assert Catalog.objects.count() == 1


def test_link_only_the_agencys_own_records(catalog_people):
    entry = item(catalog_people)
    mine = published_record(catalog_people)
    theirs = record_in(
        "draft",
        catalog_people,
        agency=catalog_people["other_agency"],
        actor=catalog_people["other_drafter"],
    )
    services.link_record(item=entry, record=mine, actor=catalog_people["officer"])
    with pytest.raises(ValidationError, match="已关联"):
        services.link_record(item=entry, record=mine, actor=catalog_people["officer"])
    with pytest.raises(ValidationError, match="只能关联本机关"):
        services.link_record(item=entry, record=theirs, actor=catalog_people["officer"])
    assert [link.record for link in selectors.linked_records(entry)] == [mine]
    services.unlink_record(item=entry, record=mine, actor=catalog_people["officer"])
    assert not selectors.linked_records(entry).exists()
    with pytest.raises(ValidationError, match="未关联"):
        services.unlink_record(item=entry, record=mine, actor=catalog_people["officer"])
    assert actions(entry) == ["catalog.item_create", "catalog.link", "catalog.unlink"]


def test_linkable_records_search_the_agencys_records_by_title(catalog_people):
    entry = item(catalog_people)
    wanted = draft(catalog_people, title="关于重大建设项目审批结果的公告")
    draft(catalog_people, title="关于其他事项的通知")
    draft(
        catalog_people,
        agency=catalog_people["other_agency"],
        actor=catalog_people["other_drafter"],
        title="重大建设",
    )
    found = selectors.linkable_records(catalog_people["officer"], entry, "重大建设")
    assert found == [wanted]
    services.link_record(item=entry, record=wanted, actor=catalog_people["officer"])
    assert selectors.linkable_records(catalog_people["officer"], entry, "重大建设") == []
    assert selectors.linkable_records(catalog_people["officer"], entry, "") == []


def test_catalog_overview_is_scoped(catalog_people):
    item(catalog_people)
    overview = selectors.catalog_overview(catalog_people["officer"])
    assert [row.agency for row in overview] == [catalog_people["agency"]]
    assert overview[0].catalog.item_count == 1
    supervisor_view = selectors.catalog_overview(catalog_people["supervisor"])
    assert {row.agency for row in supervisor_view} >= {
        catalog_people["agency"],
        catalog_people["other_agency"],
    }
    assert (
        selectors.item_for_staff(catalog_people["other_officer"], CatalogItem.objects.get().pk)
        is None
    )
