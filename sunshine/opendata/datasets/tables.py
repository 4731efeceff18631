"""A table (header, rows) written as the bytes of a resource file: CSV (UTF-8 with a BOM, so
that spreadsheet programs read the Chinese text), JSON (an array of objects) or XLSX. Dates and
times are written as ISO 8601 text, decimals without exponent or trailing zeros."""

import csv
import datetime as dt
import decimal
import io
import json


def _cell(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}"
    return value


def csv_bytes(header: list[str], rows: list[list], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    text = out.getvalue()
    return ("\ufeff" + text).encode("utf-8") if encoding == "utf-8-sig" else text.encode(encoding)


def json_bytes(header: list[str], rows: list[list]) -> bytes:
    records = [{k: _cell(v) for k, v in zip(header, row, strict=False)} for row in rows]
    return json.dumps(records, ensure_ascii=False).encode()


def xlsx_bytes(header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def encode(fmt: str, header: list[str], rows: list[list]) -> bytes:
    writer = {"CSV": lambda h, r: csv_bytes(h, r, "utf-8-sig"), "JSON": json_bytes}.get(fmt)
    if writer is None:
        writer = xlsx_bytes
    return writer(header, rows)
