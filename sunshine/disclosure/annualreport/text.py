"""The report in the template's layout as plain text (the published record's body), as an HTML
fragment (the workbench preview, the PDF), as DOCX (python-docx) and as PDF (WeasyPrint, as the
gazette typesets its issues), all from the dict of report.build()."""

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .choices import SECTIONS

DEFAULT_FONT_FAMILY = "Noto Serif CJK SC"


def font_family() -> str:
    return getattr(settings, "GAZETTE_FONT_FAMILY", DEFAULT_FONT_FAMILY)


def _cell(value) -> str:
    return "—" if value is None else str(value)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def table_rows(data: dict, number: str) -> list[list[str]]:
    """A table as rows of cells, headings first (for the text body and the DOCX)."""
    tables = data["tables"]
    out: list[list[str]] = []
    if number == "二":
        for group in tables["二"]["groups"]:
            out.append([group["label"]])
            out.append([c["label"] for c in group["columns"]])
            for row in group["rows"]:
                cells = [_cell(row["values"][c["key"]]) for c in group["columns"][1:]]
                out.append([row["label"], *cells])
    elif number == "三":
        three = tables["三"]
        out.append(["", three["header"]])
        out.append(["", *[c["label"] for c in three["columns"]]])
        for row in three["rows"]:
            cells = (
                [_cell(row["values"][c["key"]]) for c in three["columns"]] if row["values"] else []
            )
            out.append([row["label"], *cells])
    elif number == "四":
        four = tables["四"]
        out.append(["", *[c["label"] for c in four["columns"]]])
        for block in four["blocks"]:
            out.append(
                [block["label"], *[_cell(block["values"][c["key"]]) for c in four["columns"]]]
            )
    return out


def plain_text(data: dict) -> str:
    lines = []
    for number in SECTIONS:
        section = data["sections"][number]
        lines.append(f"{number}、{section['title']}")
        if number in ("二", "三", "四"):
            for cells in table_rows(data, number):
                lines.append("　".join(cells))
        else:
            lines.extend(paragraphs(section["text"]) or [_("无。")])
        lines.append("")
    return "\n".join(lines).strip()


def html_context(data: dict) -> dict:
    sections = []
    for number in SECTIONS:
        section = dict(data["sections"][number])
        section["paragraphs"] = paragraphs(section["text"])
        sections.append((number, section))
    return {
        "doc": data,
        "sections": sections,
        "two": data["tables"]["二"],
        "three": data["tables"]["三"],
        "four": data["tables"]["四"],
    }


def render_html(data: dict) -> str:
    return render_to_string("annualreport/report_body.html", html_context(data))


def render_pdf(data: dict) -> bytes:
    from weasyprint import HTML

    with translation.override("zh-hans"):
        context = {**html_context(data), "font_family": font_family(), "title": data["title"]}
        html = render_to_string("annualreport/report_pdf.html", context)
    return HTML(string=html).write_pdf()


def render_docx(data: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(data["title"])
    run.bold = True
    run.font.size = Pt(18)
    for number in SECTIONS:
        section = data["sections"][number]
        doc.add_heading(f"{number}、{section['title']}", level=1)
        if number in ("二", "三", "四"):
            rows = table_rows(data, number)
            width = max(len(r) for r in rows)
            table = doc.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for cells in rows:
                row = table.add_row().cells
                if len(cells) == 1:  # a group heading across the table
                    merged = row[0].merge(row[width - 1])
                    merged.text = cells[0]
                    continue
                for i, value in enumerate(cells):
                    row[i].text = value
        else:
            for p in paragraphs(section["text"]) or [_("无。")]:
                doc.add_paragraph(p).paragraph_format.first_line_indent = Pt(24)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
