"""Importing a catalog from XLSX (the standard column layout, xlsx.py). All or nothing: every
row is checked first, and if any row is wrong nothing is saved and every problem is reported
with its row number and column. Re-importing a file does not duplicate: a row is the same item
as an existing one with the same 一级事项 + 二级事项 + 公开内容 (spaces ignored), else as the
one with the same 序号 (when that 序号 is unique in the file and in the catalog); such items
are updated, the rest added after the existing ones in file order. Items missing from the file
are left as they are (an import never deletes)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.models import Kind
from sunshine.kernel.files.sniff import check_upload

from . import review as reviews
from .models import Catalog, CatalogItem
from .services import get_or_create_catalog, next_sort_order, snapshot, touch
from .stale import refresh_items
from .validation import item_key
from .xlsx import ParsedRow, RowError, read_workbook


class CatalogImportError(ValidationError):
    """The file has problems; `row_errors` lists each (row number, column, message)."""

    def __init__(self, row_errors: list[RowError]):
        self.row_errors = row_errors
        super().__init__([str(e) for e in row_errors])


@dataclass
class ImportResult:
    catalog: Catalog
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)


def _match(catalog: Catalog, rows: list[ParsedRow]) -> list[CatalogItem | None]:
    existing = list(CatalogItem.objects.select_for_update().filter(catalog=catalog))
    by_key: dict[tuple, CatalogItem] = {}
    by_number: dict[str, list[CatalogItem]] = {}
    for item in existing:
        by_key.setdefault(item_key(item.category, item.subcategory, item.content), item)
        if item.number:
            by_number.setdefault(item.number, []).append(item)
    file_numbers: dict[str, int] = {}
    for row in rows:
        if row.values["number"]:
            file_numbers[row.values["number"]] = file_numbers.get(row.values["number"], 0) + 1
    taken: set[int] = set()
    matches: list[CatalogItem | None] = []
    for row in rows:
        v = row.values
        item = by_key.get(item_key(v["category"], v["subcategory"], v["content"]))
        if item is None and file_numbers.get(v["number"]) == 1:
            same_number = by_number.get(v["number"], [])
            if len(same_number) == 1:
                item = same_number[0]
        if item is not None and item.pk in taken:
            item = None
        if item is not None:
            taken.add(item.pk)
        matches.append(item)
    return matches


@transaction.atomic
def import_catalog(*, agency, actor, uploaded_file) -> ImportResult:
    """Add or update the agency's catalog items from an XLSX file (creating the catalog when
    the agency has none). Raises CatalogImportError listing every bad row, with nothing
    saved; ValidationError when the file is not an XLSX workbook."""
    require(actor, "catalog.edit", agency)
    sniffed = check_upload(uploaded_file)
    if sniffed.kind != Kind.XLSX:
        raise ValidationError(_("请上传XLSX格式的目录文件（Excel 2007及以上版本）。"))
    uploaded_file.seek(0)
    rows, errors = read_workbook(uploaded_file)
    if errors:
        raise CatalogImportError(sorted(errors, key=lambda e: e.row))
    if not rows:
        raise ValidationError(_("文件中没有目录事项。"))
    catalog = get_or_create_catalog(agency=agency, actor=actor)
    result = ImportResult(catalog=catalog)
    now, order = clock.now(), next_sort_order(catalog)
    touched: list[CatalogItem] = []
    for row, item in zip(rows, _match(catalog, rows), strict=True):
        values = dict(row.values)
        if item is None:
            values.setdefault("sort_order", order)
            order += 10
            item = CatalogItem.objects.create(
                catalog=catalog, created_at=now, updated_at=now, **values
            )
            result.created.append(item.pk)
            note = _("导入新增（第 %(n)s 行）") % {"n": row.row}
        else:
            before = snapshot(item)
            for name, value in values.items():
                setattr(item, name, value)
            if snapshot(item) == before:
                result.unchanged.append(item.pk)
                continue
            item.updated_at = now
            item.save()
            result.updated.append(item.pk)
            note = _("导入修改（第 %(n)s 行）") % {"n": row.row}
        item.catalog = catalog
        reviews.note_change(item=item, actor=actor, note=note)
        touched.append(item)
    record_event(
        action="catalog.import",
        actor=actor,
        obj=catalog,
        agency=agency,
        summary=_("导入目录：新增 %(c)s 项，修改 %(u)s 项，未变 %(n)s 项")
        % {"c": len(result.created), "u": len(result.updated), "n": len(result.unchanged)},
        data={
            "file": getattr(uploaded_file, "name", ""),
            "sha256": sniffed.sha256,
            "rows": len(rows),
            "created": result.created[:500],
            "updated": result.updated[:500],
        },
    )
    if touched:
        touch(catalog)
        refresh_items(touched)
    return result
