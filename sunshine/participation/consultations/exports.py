"""Export of all comments of a consultation (XLSX and CSV) for staff: every comment whatever
its state, with the clause, the author (real name for staff), moderation and adoption."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Consultation
from .selectors import staff_comments

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def headers() -> list[str]:
    return [
        _("编号"),
        _("提交时间"),
        _("针对条款"),
        _("意见内容"),
        _("提出人"),
        _("用户类型"),
        _("公开署名"),
        _("状态"),
        _("未公开原因"),
        _("归类"),
        _("采纳情况"),
        _("采纳情况说明"),
    ]


def _safe(value) -> str:
    """No spreadsheet formulas from the public's text (CSV/formula injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def comment_rows(consultation: Consultation) -> list[list[str]]:
    rows = []
    for c in staff_comments(consultation):
        author = c.author
        rows.append(
            [
                str(c.pk),
                f"{timezone.localtime(c.submitted_at):%Y-%m-%d %H:%M}",
                c.clause.label if c.clause_id else _("全文"),
                _safe(c.body),
                _safe(
                    (author.enterprise_name or author.display_name or author.email)
                    if author
                    else c.author_name
                ),
                str(author.get_kind_display()) if author else "",
                c.public_name,
                str(c.get_state_display()),
                _safe(c.hide_reason),
                _safe(c.group_label),
                str(c.get_adoption_display()) if c.adoption else "",
                _safe(c.adoption_reason),
            ]
        )
    return rows


def comments_csv(consultation: Consultation) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    writer.writerows(comment_rows(consultation))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def comments_xlsx(consultation: Consultation) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("意见")
    ws.append(headers())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in comment_rows(consultation):
        ws.append(row)
    widths = [8, 17, 12, 60, 16, 12, 12, 8, 20, 16, 10, 40]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_filename(consultation: Consultation, ext: str) -> str:
    return f"consultation-{consultation.pk}-comments.{ext}"
