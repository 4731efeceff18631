"""The datastore: the rows of a tabular resource (CSV, XLSX, JSON) kept in `ResourceRow`, one
row per record with its values typed by the dataset's schema, so that `datastore_search`
pages by the (resource, rownum) key without reading the file again; `filters` and `q` are
answered from the index loaded with the rows (`datastore_index`, `ResourceCell`).

Parsing: CSV in UTF-8 (with or without BOM) or GB18030; XLSX through the kernel's bounded
reader (a separate process with memory and time limits); JSON as a list of objects (or
{"records": [...]}, CKAN's shape). The first row (CSV, XLSX) is the header."""

import csv
import io
import json
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel.files.safe_extract.runner import ExtractionError, read_xlsx_rows
from sunshine.kernel.search import segment

from . import datastore_index
from .choices import DATASTORE_LIMIT_MAX, DATASTORE_MAX_ROWS
from .datastore_index import Condition
from .models import Resource, ResourceRow

BATCH = 5000


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("无法识别文件的文字编码（应为 UTF-8 或 GB18030）。"))


def parse_table(data: bytes, fmt: str) -> tuple[list[str], list[list]]:
    """(header, rows) of a CSV, XLSX or JSON file; rows as lists of raw values."""
    if fmt == "CSV":
        reader = csv.reader(io.StringIO(_decode(data)))
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    elif fmt == "XLSX":
        try:
            rows = read_xlsx_rows(data, max_rows=DATASTORE_MAX_ROWS)
        except ExtractionError as exc:
            raise ValidationError(_("无法读取该 XLSX 文件：%(e)s") % {"e": exc}) from None
        rows = [r for r in rows if any(v not in (None, "") for v in r)]
    elif fmt == "JSON":
        try:
            parsed = json.loads(_decode(data))
        except ValueError:
            raise ValidationError(_("JSON 文件格式有误。")) from None
        if isinstance(parsed, dict):
            parsed = parsed.get("records") or parsed.get("data") or []
        if not isinstance(parsed, list) or not all(isinstance(r, dict) for r in parsed):
            raise ValidationError(_("JSON 文件应为对象数组（每个对象是一行）。"))
        header: list[str] = []
        for record in parsed:
            for key in record:
                if key not in header:
                    header.append(str(key))
        return header, [[record.get(k) for k in header] for record in parsed]
    else:
        raise ValidationError(_("该格式不是表格数据。"))
    if not rows:
        raise ValidationError(_("文件中没有数据。"))
    header = [str(h if h is not None else "").strip() for h in rows[0]]
    if len(rows) - 1 > DATASTORE_MAX_ROWS:
        raise ValidationError(_("数据行数超过上限。"))
    return header, rows[1:]


def convert(value, type_: str):
    """A raw cell as the schema's type; unconvertible values stay text, empty ones None."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
    try:
        if type_ == "integer":
            if isinstance(value, bool):
                return int(value)
            number = float(value)
            return int(number) if number.is_integer() else number
        if type_ == "number":
            return float(value)
        if type_ == "boolean":
            if isinstance(value, bool):
                return value
            text = str(value).lower()
            if text in ("true", "1", "是", "yes"):
                return True
            if text in ("false", "0", "否", "no"):
                return False
            return str(value)
    except (TypeError, ValueError):
        return str(value)
    return value if isinstance(value, int | float | bool) else str(value)


def row_text(data: dict) -> str:
    return " ".join(str(v) for v in data.values() if v is not None).lower()


@transaction.atomic
def load_rows(resource: Resource, header: list[str], rows: list[list], types: dict) -> int:
    """Replace the resource's rows and their index (in one transaction); returns the number
    loaded."""
    ResourceRow.objects.filter(resource=resource).delete()
    batch, count, indexed = [], 0, []
    for number, raw in enumerate(rows, start=1):
        data = {
            name: convert(raw[i] if i < len(raw) else None, types.get(name, "string"))
            for i, name in enumerate(header)
            if name
        }
        batch.append(ResourceRow(resource=resource, rownum=number, data=data, text=row_text(data)))
        indexed.append((number, data))
        count = number
        if len(batch) >= BATCH:
            ResourceRow.objects.bulk_create(batch)
            batch = []
    if batch:
        ResourceRow.objects.bulk_create(batch)
    datastore_index.write_entries(resource.pk, datastore_index.build_entries(indexed), count)
    return count


class DatastoreError(ValueError):
    """A datastore_search parameter that cannot be used (CKAN's Validation Error)."""


class DatastorePage(NamedTuple):
    records: list[dict]  # CKAN records: {"_id": rownum, field: value, ...}
    total: int | None  # None when include_total is false
    total_was_estimated: bool = False


def _typed_filter_value(value, type_: str):
    if type_ in ("integer", "number", "boolean") and isinstance(value, str):
        return convert(value, type_)
    return value


def _conditions(filters: dict, types: dict, q: str) -> list[Condition] | None:
    """The index conditions of filters and q; None when a filter can match nothing."""
    conditions = []
    for key, raw in filters.items():
        values = raw if isinstance(raw, list) else [raw]
        texts = [
            t
            for t in dict.fromkeys(
                datastore_index.cell_value(_typed_filter_value(v, types.get(key, "string")))
                for v in values
            )
            if t is not None
        ]
        if not texts:
            return None
        conditions.append(Condition(key[: datastore_index.FIELD_MAX], texts))
    for term in segment.query_terms(q) if q.strip() else []:
        if term.prefix:
            conditions.append(Condition(datastore_index.TEXT_FIELD, prefix=term.word))
        else:
            parts = [Condition(datastore_index.TEXT_FIELD, [p]) for p in term.parts]
            conditions.append(Condition(datastore_index.TEXT_FIELD, [term.word], parts=parts))
    return conditions


def _ids(raw) -> list[int]:
    try:
        return sorted({int(v) for v in (raw if isinstance(raw, list) else [raw])})
    except (TypeError, ValueError):
        raise DatastoreError(_("_id 应为行号（整数）。")) from None


def search_rows(
    resource: Resource,
    *,
    types: dict,
    q: str = "",
    filters: dict | None = None,
    limit: int = 100,
    offset: int = 0,
    include_total: bool = True,
    total_estimation_threshold: int | None = None,
) -> DatastorePage:
    """The resource's rows as CKAN records and the total.

    Without q or filters a page is a range of rownum (the key), and the total is the row
    count kept on the resource: constant time at any size. Filters are exact values per
    field (a list: any of them), q needs every word (the kernel search's words) in the row;
    both are answered from the index (`datastore_index.search`). The total is exact unless
    total_estimation_threshold is given and the estimate is above it (CKAN's rule)."""
    if limit < 0 or offset < 0:
        raise DatastoreError(_("limit 和 offset 不能为负数。"))
    limit = min(limit, DATASTORE_LIMIT_MAX)
    filters = dict(filters or {})
    unknown = [key for key in filters if key not in types and key != "_id"]
    if unknown:
        raise DatastoreError(_("未知字段：%(f)s") % {"f": ", ".join(map(str, unknown))})
    ids = _ids(filters.pop("_id")) if "_id" in filters else None
    conditions = _conditions(filters, types, q or "")
    if conditions is not None and not conditions and ids is None:
        start = offset + 1
        rows = ResourceRow.objects.filter(resource=resource)
        page = rows.filter(rownum__gte=start, rownum__lt=start + limit).order_by("rownum")
        records = [{"_id": r.rownum, **r.data} for r in page.only("rownum", "data")]
        return DatastorePage(records, resource.row_count if include_total else None)
    if conditions is None:
        return DatastorePage([], 0 if include_total else None)
    if ids is not None:  # a list of rownums: each condition is probed for them
        found = [i for i in ids if 0 < i <= resource.row_count]
        for condition in conditions:
            found = sorted(datastore_index.probe(resource.pk, condition, found))
        matches = datastore_index.Matches(found[offset : offset + limit], len(found))
    else:
        matches = datastore_index.search(
            resource.pk,
            conditions,
            row_count=resource.row_count,
            offset=offset,
            limit=limit,
            include_total=include_total,
            estimate_above=total_estimation_threshold,
        )
    data = dict(
        ResourceRow.objects.filter(resource=resource, rownum__in=matches.rownums).values_list(
            "rownum", "data"
        )
    )
    records = [{"_id": n, **data[n]} for n in matches.rownums if n in data]
    total = matches.total if include_total else None
    return DatastorePage(records, total, matches.estimated)
