"""Old gazette issues built in memory for tests and the demo (no downloads): text pages typeset
by WeasyPrint (a born-digital PDF with a text layer) and scanned pages drawn by Pillow with a
CJK font (an image, no text layer), merged with pypdf."""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

CJK_FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@dataclass(frozen=True)
class SampleArticle:
    title: str
    doc_number: str
    paragraphs: Sequence[str]
    recipients: str = "各地级以上市人民政府，省政府各部门、各直属机构："
    signature: str = "广东省人民政府"
    date: str = "2003年5月10日"
    section: str = ""


TEXT_ARTICLES = (
    SampleArticle(
        title="广东省人民政府关于加强河道管理工作的通知",
        doc_number="粤府〔2003〕12号",
        paragraphs=(
            "为加强我省河道管理，保障防洪安全，发挥江河湖泊的综合效益，现就有关事项通知如下。",
            "一、各地要落实河道管理责任制，明确管理范围，严禁在河道管理范围内乱占乱建。",
            "二、水行政主管部门要会同有关部门加强执法检查，依法查处违法行为。",
        ),
        section="省政府文件",
    ),
    SampleArticle(
        title="广东省人民政府办公厅关于印发广东省政务公开工作要点的通知",
        doc_number="粤府办〔2003〕45号",
        paragraphs=(
            "《广东省政务公开工作要点》已经省人民政府同意，现印发给你们，请认真贯彻执行。",
            "执行中遇到的问题，请径向省政务公开办公室反映。",
        ),
        signature="广东省人民政府办公厅",
        section="省政府办公厅文件",
    ),
)
SCANNED_LINES = (
    "广东省交通厅关于加强公路养护工作的通知",
    "粤交〔2003〕8号",
    "各地级以上市交通局：",
    "为提高公路养护水平，现通知如下。",
)


def text_pages_pdf(
    articles: Sequence[SampleArticle] = TEXT_ARTICLES,
    *,
    masthead: str = "广东省人民政府公报",
    issue_label: str = "2003年第5期",
) -> bytes:
    """A born-digital old issue: a cover, then each article on a new page."""
    from weasyprint import HTML

    parts = [
        f'<section class="cover"><h1>{escape(masthead)}</h1><p>{escape(issue_label)}</p></section>'
    ]
    section = None
    for article in articles:
        parts.append('<section class="article">')
        if article.section and article.section != section:
            parts.append(f'<p class="section">【{escape(article.section)}】</p>')
            section = article.section
        parts.append(f'<p class="docno">{escape(article.doc_number)}</p>')
        parts.append(f"<h2>{escape(article.title)}</h2>")
        parts.append(f"<p>{escape(article.recipients)}</p>")
        parts.extend(f'<p class="para">{escape(p)}</p>' for p in article.paragraphs)
        parts.append(f'<p class="sign">{escape(article.signature)}</p>')
        parts.append(f'<p class="sign">{escape(article.date)}</p></section>')
    css = f"""
    @page {{ size: A4; margin: 22mm 20mm;
      @top-center {{ content: "{masthead}"; font-size: 9pt; }}
      @bottom-center {{ content: "— " counter(page) " —"; font-size: 9pt; }} }}
    body {{ font-family: "Noto Serif CJK SC"; font-size: 12pt; line-height: 1.6; }}
    .cover {{ text-align: center; padding-top: 60mm; }}
    .article {{ break-before: page; }}
    h2 {{ text-align: center; font-size: 16pt; }}
    .docno {{ text-align: center; }}
    .para {{ text-indent: 2em; }}
    .sign {{ text-align: right; }}
    """
    html = f"<html><head><style>{css}</style></head><body>{''.join(parts)}</body></html>"
    return HTML(string=html).write_pdf()


def scanned_page_pdf(lines: Sequence[str] = SCANNED_LINES, *, size=(900, 560)) -> bytes:
    """One page that is only an image of text (like a scan), without any text layer."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(CJK_FONT_FILE, 30)
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    y = 50
    for line in lines:
        draw.text((50, y), line, font=font, fill=0)
        y += 64
    out = io.BytesIO()
    image.save(out, "PDF", resolution=100)
    return out.getvalue()


def merge_pdfs(*documents: bytes) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for data in documents:
        writer.append(io.BytesIO(data))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def historical_issue_pdf() -> bytes:
    """Cover + two text articles + one scanned page with a third article."""
    return merge_pdfs(text_pages_pdf(), scanned_page_pdf())
