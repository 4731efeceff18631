"""The statistics as a table (CSV / XLSX export of the workbench)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .stats import agency_reply_numbers


def _pct(rate) -> str:
    return f"{rate * 100:.1f}%" if rate is not None else ""


def _num(value) -> str:
    return f"{value:.1f}" if value is not None else ""


def agency_table(
    *, agency_ids=None, since=None, until=None, numbers: list[dict] | None = None
) -> tuple[list[str], list[list]]:
    """The per-agency table (`numbers`: agency_reply_numbers already computed for the scope)."""
    if numbers is None:
        numbers = agency_reply_numbers(agency_ids=agency_ids, since=since, until=until)
    header = [
        _("承办单位"),
        _("留言数"),
        _("已答复"),
        _("按时"),
        _("超时"),
        _("按时答复率"),
        _("平均答复工作日"),
        _("平均答复自然日"),
    ]
    rows = [
        [
            r["agency_name"] or _("未指定单位"),
            r["count"],
            r["replied"],
            r["on_time"],
            r["late"],
            _pct(r["on_time_rate"]),
            _num(r["avg_workdays"]),
            _num(r["avg_days"]),
        ]
        for r in numbers
    ]
    return header, rows


def to_csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def to_xlsx(header: list[str], rows: list[list], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
