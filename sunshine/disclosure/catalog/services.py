"""Every write to a 主动公开基本目录 but the import (imports.py), the reviews (review.py) and the
stale check (stale.py). Each act is one transaction that checks the permission on the
catalog's agency ("catalog.edit"), changes the catalog and writes the audit event. A change
made while a review is open counts as that item's review decision ("changed")."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.audit.services import record_event

from . import review as reviews
from .models import Catalog, CatalogItem, CatalogItemRecord
from .stale import refresh_items
from .validation import EDITABLE, check_field_names, clean_item

SNAPSHOT_FIELDS = (
    "number",
    "category",
    "subcategory",
    "content",
    "basis",
    "time_limit",
    "limit_kind",
    "limit_unit",
    "limit_length",
    "limit_month",
    "limit_day",
    "subject",
    "channels",
    "audience",
    "mode",
    "levels",
    "sort_order",
    "active",
)


def snapshot(item: CatalogItem) -> dict:
    return {name: getattr(item, name) for name in SNAPSHOT_FIELDS}


def touch(catalog: Catalog) -> None:
    """The catalog changed now (for "recently updated" lists and feeds)."""
    catalog.updated_at = clock.now()
    Catalog.objects.filter(pk=catalog.pk).update(updated_at=catalog.updated_at)


def _lock(item: CatalogItem) -> None:
    item.refresh_from_db(from_queryset=CatalogItem.objects.select_for_update())


# --- The catalog -------------------------------------------------------------------------


@transaction.atomic
def create_catalog(*, agency, actor) -> Catalog:
    """Start the agency's catalog (one per agency); its first review is due one review
    interval from today."""
    require(actor, "catalog.edit", agency)
    if Catalog.objects.filter(agency=agency).exists():  # and a unique constraint
        raise ValidationError(_("%(agency)s已有主动公开基本目录。") % {"agency": agency.name})
    now = clock.now()
    catalog = Catalog.objects.create(
        agency=agency,
        next_review_due=reviews.next_review_date(clock.today()),
        created_at=now,
        updated_at=now,
    )
    record_event(
        action="catalog.create",
        actor=actor,
        obj=catalog,
        agency=agency,
        summary=str(catalog),
        after={"next_review_due": catalog.next_review_due},
    )
    return catalog


def get_or_create_catalog(*, agency, actor) -> Catalog:
    catalog = Catalog.objects.select_related("agency").filter(agency=agency).first()
    return catalog or create_catalog(agency=agency, actor=actor)


# --- Items -------------------------------------------------------------------------------


def next_sort_order(catalog: Catalog) -> int:
    last = catalog.items.aggregate(last=Max("sort_order"))["last"]
    return (last or 0) + 10


@transaction.atomic
def create_item(*, catalog: Catalog, actor, **fields) -> CatalogItem:
    """Add an item: 一级事项 and 公开内容 required, at least one channel; the 公开时限 text
    is read into its rule (timelimits.py)."""
    require(actor, "catalog.edit", catalog)
    cleaned = clean_item(fields)
    cleaned.setdefault("sort_order", next_sort_order(catalog))
    now = clock.now()
    item = CatalogItem.objects.create(catalog=catalog, created_at=now, updated_at=now, **cleaned)
    item.catalog = catalog
    record_event(
        action="catalog.item_create",
        actor=actor,
        obj=item,
        agency=catalog.agency,
        summary=str(item)[:300],
        after=snapshot(item),
    )
    reviews.note_change(item=item, actor=actor, note=_("新增事项"))
    touch(catalog)
    refresh_items([item])
    return item


@transaction.atomic
def update_item(*, item: CatalogItem, actor, **changes) -> CatalogItem:
    """Change some fields of an item (the others stay as they are)."""
    require(actor, "catalog.edit", item)
    check_field_names(changes)
    catalog = item.catalog
    _lock(item)
    before = snapshot(item)
    current = {name: getattr(item, name) for name in EDITABLE if name not in changes}
    cleaned = clean_item({**current, **changes})
    for name, value in cleaned.items():
        setattr(item, name, value)
    after = snapshot(item)
    if after == before:
        return item
    item.updated_at = clock.now()
    item.save()
    item.catalog = catalog
    changed = sorted(k for k in after if after[k] != before[k])
    record_event(
        action="catalog.item_update",
        actor=actor,
        obj=item,
        agency=catalog.agency,
        summary=str(item)[:300],
        data={"fields": changed},
        before=before,
        after=after,
    )
    reviews.note_change(item=item, actor=actor, note=_("修改：%(f)s") % {"f": "、".join(changed)})
    touch(catalog)
    refresh_items([item])
    return item


@transaction.atomic
def delete_item(*, item: CatalogItem, actor) -> None:
    """Remove an item and its links (the audit trail keeps what it was). An item that should
    stay on record but no longer apply is deactivated instead (update_item(active=False))."""
    require(actor, "catalog.edit", item)
    catalog = item.catalog
    _lock(item)
    before = snapshot(item)
    linked = list(item.links.values_list("record_id", flat=True))
    pk = item.pk
    record_event(
        action="catalog.item_delete",
        actor=actor,
        obj=item,
        agency=catalog.agency,
        summary=str(item)[:300],
        data={"records": linked},
        before=before,
    )
    item.delete()
    item.pk = pk
    touch(catalog)


# --- Records that fulfil an item ---------------------------------------------------------


@transaction.atomic
def link_record(*, item: CatalogItem, record, actor) -> CatalogItemRecord:
    """Name a record as (part of) the item's publication. Only the catalog agency's own
    records, and only one the actor may see; a record not public yet is linked in advance and
    shows on the public catalog once it is published."""
    require(actor, "catalog.edit", item)
    catalog = item.catalog
    if record.agency_id != catalog.agency_id:
        raise ValidationError(
            _("只能关联本机关（%(agency)s）的政府信息。") % {"agency": catalog.agency.name}
        )
    if not can(actor, "record.view_staff", record):
        raise PermissionDenied(_("您无权查看该政府信息，不能关联。"))
    _lock(item)
    if item.links.filter(record=record).exists():
        raise ValidationError(_("该政府信息已关联到本事项。"))
    link = CatalogItemRecord.objects.create(
        item=item, record=record, linked_at=clock.now(), linked_by=actor
    )
    record_event(
        action="catalog.link",
        actor=actor,
        obj=item,
        agency=catalog.agency,
        summary=record.title[:300],
        data={"record": record.pk, "index_number": record.index_number},
    )
    touch(catalog)
    refresh_items([item])
    return link


@transaction.atomic
def unlink_record(*, item: CatalogItem, record, actor) -> None:
    require(actor, "catalog.edit", item)
    catalog = item.catalog
    _lock(item)
    deleted, _details = item.links.filter(record=record).delete()
    if not deleted:
        raise ValidationError(_("该政府信息未关联到本事项。"))
    record_event(
        action="catalog.unlink",
        actor=actor,
        obj=item,
        agency=catalog.agency,
        summary=record.title[:300],
        data={"record": record.pk, "index_number": record.index_number},
    )
    touch(catalog)
    refresh_items([item])
