"""The dashboard tables as an XLSX workbook (openpyxl): the table per agency with its total,
the overdue list and the monthly volume."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

COLUMNS = [
    ("name", "单位"),
    ("received", "收件"),
    ("completed", "办结"),
    ("on_time", "按时办结"),
    ("on_time_rate", "按时办结率"),
    ("average_days", "平均办理时长（工作日）"),
    ("p90_days", "90%办理时长（工作日）"),
    ("corrected", "补正件数"),
    ("correction_rate", "补正率"),
    ("red", "红色预警（已超期）"),
    ("yellow", "黄色预警（即将到期）"),
    ("open_orders", "未办结督办"),
    ("open_cases", "未整改差评"),
    ("ratings", "评价数"),
    ("satisfaction_rate", "满意率"),
]
PERCENT = {"on_time_rate", "correction_rate", "satisfaction_rate"}


def _value(row, key):
    value = getattr(row, key)
    if value is None:
        return None
    if key == "average_days":
        return round(value, 2)
    return value


def _header(sheet, labels) -> None:
    sheet.append([_(label) for label in labels])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def dashboard_workbook(board, overdue_rows, months) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("各单位统计")
    sheet.append([_("统计期间"), board.period.label])
    _header(sheet, [label for _key, label in COLUMNS])
    for row in [*board.rows, board.total]:
        sheet.append([_value(row, key) for key, _label in COLUMNS])
        for (key, _label), cell in zip(COLUMNS, sheet[sheet.max_row], strict=True):
            if key in PERCENT and cell.value is not None:
                cell.number_format = "0.0%"
    sheet.column_dimensions["A"].width = 28

    late = book.create_sheet(_("超期办件"))
    _header(late, ["办件编号", "事项", "单位", "环节", "到期时间", "超期（工作日）", "督办"])
    for r in overdue_rows:
        app = r.application
        late.append([
            app.number if app else "",
            app.item.name if app else "",
            r.clock.agency.name,
            r.step,
            timezone.localtime(r.clock.due_at).replace(tzinfo=None),
            r.days_overdue,
            _("已督办") if r.has_open_order else "",
        ])  # fmt: skip
        late.cell(row=late.max_row, column=5).number_format = "yyyy-mm-dd hh:mm"

    volume = book.create_sheet(_("每月办件量"))
    _header(volume, ["月份", "收件", "办结"])
    for m in months:
        volume.append([f"{m['month']:%Y-%m}", m["received"], m["completed"]])

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
