"""The datastore: the rows of a tabular resource (CSV, XLSX, JSON) kept in `ResourceRow`, one
row per record with its values typed by the dataset's schema, so that `datastore_search`
pages by the (resource, rownum) key without reading the file again.

Parsing: CSV in UTF-8 (with or without BOM) or GB18030; XLSX through the kernel's bounded
reader (a separate process with memory and time limits); JSON as a list of objects (or
{"records": [...]}, CKAN's shape). The first row (CSV, XLSX) is the header."""

import csv
import io
import json

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

from sunshine.kernel.files.safe_extract.runner import ExtractionError, read_xlsx_rows

from .choices import DATASTORE_LIMIT_MAX, DATASTORE_MAX_ROWS
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


def load_rows(resource: Resource, header: list[str], rows: list[list], types: dict) -> int:
    """Replace the resource's rows; returns the number loaded."""
    ResourceRow.objects.filter(resource=resource).delete()
    batch, count = [], 0
    for number, raw in enumerate(rows, start=1):
        data = {
            name: convert(raw[i] if i < len(raw) else None, types.get(name, "string"))
            for i, name in enumerate(header)
            if name
        }
        batch.append(ResourceRow(resource=resource, rownum=number, data=data, text=row_text(data)))
        count = number
        if len(batch) >= BATCH:
            ResourceRow.objects.bulk_create(batch)
            batch = []
    if batch:
        ResourceRow.objects.bulk_create(batch)
    return count


class DatastoreError(ValueError):
    """A datastore_search parameter that cannot be used (CKAN's Validation Error)."""


def _typed_filter_value(value, type_: str):
    if isinstance(value, list):
        return [_typed_filter_value(v, type_) for v in value]
    if type_ in ("integer", "number", "boolean") and isinstance(value, str):
        return convert(value, type_)
    return value


def search_rows(
    resource: Resource,
    *,
    types: dict,
    q: str = "",
    filters: dict | None = None,
    limit: int = 100,
    offset: int = 0,
    include_total: bool = True,
) -> tuple[list[dict], int | None]:
    """The resource's rows as CKAN records ({"_id": rownum, field: value}) and the total.

    Without q or filters a page is a range of rownum (the key), and the total is the row
    count kept on the resource: constant time on any size. Filters are exact values per
    field (a list: any of them); on PostgreSQL one `@>` containment per value, served by the
    GIN index on `data`; q needs every word in the row's text."""
    if limit < 0 or offset < 0:
        raise DatastoreError(_("limit 和 offset 不能为负数。"))
    limit = min(limit, DATASTORE_LIMIT_MAX)
    filters = filters or {}
    unknown = [key for key in filters if key not in types and key != "_id"]
    if unknown:
        raise DatastoreError(_("未知字段：%(f)s") % {"f": ", ".join(map(str, unknown))})
    rows = ResourceRow.objects.filter(resource=resource)
    words = [w for w in (q or "").lower().split() if w][:8]
    if not words and not filters:
        start = offset + 1
        page = rows.filter(rownum__gte=start, rownum__lt=start + limit).order_by("rownum")
        records = [{"_id": r.rownum, **r.data} for r in page.only("rownum", "data")]
        return records, resource.row_count
    for word in words:
        rows = rows.filter(text__contains=word)
    postgres = connection.vendor == "postgresql"
    for key, raw in filters.items():
        if key == "_id":
            values = raw if isinstance(raw, list) else [raw]
            rows = rows.filter(rownum__in=[int(v) for v in values])
            continue
        value = _typed_filter_value(raw, types.get(key, "string"))
        values = value if isinstance(value, list) else [value]
        if postgres and len(values) == 1:
            rows = rows.filter(data__contains={key: values[0]})
        else:
            rows = rows.filter(**{f"data__{key}__in": values})
    total = rows.count() if include_total else None
    page = rows.order_by("rownum").only("rownum", "data")[offset : offset + limit]
    return [{"_id": r.rownum, **r.data} for r in page], total
