"""Real PDF and DOCX files for the redaction tests, with a secret hidden everywhere a careless
redaction would leave it: metadata, XMP, an attachment, JavaScript, an annotation, an earlier
revision (PDF); body split over runs, a header, a comment, a tracked deletion, hidden text,
core/custom properties, a custom XML part, alt text, rsids (DOCX)."""

import io
import zipfile

SECRET = "张三丰秘密"
KEEP = "本段可以公开"
# Text only in places the DOCX cleaning must drop whatever is redacted.
COMMENT_ONLY = "批注内容丙丁"
DELETED_ONLY = "删除的旧文本戊己"
HIDDEN_ONLY = "隐藏文字甲乙"
INSERTED = "新增的条款庚辛"


def make_pdf(*, pages: int = 2, extras: bool = True) -> bytes:
    """A WeasyPrint PDF in Chinese (Noto CJK) with the secret in the text on every page and in
    the title/author/keywords (Info and XMP); with `extras`, pypdf adds an attachment, a
    JavaScript action, a text annotation and an incremental revision that all hold it."""
    from weasyprint import HTML

    body = []
    for n in range(1, pages + 1):
        brk = ' style="page-break-before:always"' if n > 1 else ""
        body.append(
            f"<h1{brk}>第{n}页 关于某某路段改扩建的答复</h1>"
            f"<p>申请人{SECRET}的住址是广州市天河区。{KEEP}。</p>"
            "<p>这是一段较长的说明文字，用来检验跨行的情况，这是一段较长的说明文字，"
            f"用来检验跨行的情况，这是一段较长的{SECRET}说明文字。</p>"
            # Eight characters a line: the secret wraps after its second character.
            f'<p style="width: 8em">一二三四五六{SECRET}完。</p>'
        )
    html = (
        "<html><head>"
        f"<title>标题含{SECRET}</title>"
        f'<meta name="author" content="{SECRET}">'
        f'<meta name="keywords" content="{SECRET}, 关键词">'
        f'<meta name="description" content="{SECRET}">'
        "<style>@page { size: A4; margin: 2cm } "
        "body { font-family: 'Noto Serif CJK SC', serif; font-size: 14pt }</style>"
        f"</head><body>{''.join(body)}</body></html>"
    )
    data = HTML(string=html).write_pdf(pdf_variant="pdf/a-3b")
    if not extras:
        return data
    from pypdf import PdfReader, PdfWriter
    from pypdf.actions import JavaScript
    from pypdf.annotations import FreeText

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Author": SECRET, "/Subject": SECRET, "/Producer": SECRET})
    writer.add_attachment("secret.txt", SECRET.encode())
    writer.add_open_action(JavaScript(f"app.alert('{SECRET}');"))
    writer.add_annotation(page_number=0, annotation=FreeText(text=SECRET, rect=(50, 550, 200, 650)))
    first = io.BytesIO()
    writer.write(first)
    # An incremental update on top: the first revision (and its secret) stays in the bytes.
    reviser = PdfWriter(first, incremental=True)
    reviser.add_metadata({"/Title": "修订后的标题"})
    out = io.BytesIO()
    reviser.write(out)
    return out.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx() -> bytes:
    """A python-docx document; XML the library has no API for is written directly."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt  # noqa: F401

    doc = docx.Document()
    doc.core_properties.author = SECRET
    doc.core_properties.title = f"标题{SECRET}"
    doc.core_properties.keywords = SECRET
    doc.core_properties.comments = SECRET
    doc.core_properties.last_modified_by = SECRET
    doc.core_properties.subject = SECRET

    doc.sections[0].header.paragraphs[0].text = f"抄送：{SECRET}"
    doc.sections[0].footer.paragraphs[0].text = f"联系人 {SECRET}"

    p = doc.add_paragraph("申请人")
    p.add_run(SECRET[:2])  # the secret split over three runs
    p.add_run(SECRET[2:3]).bold = True
    p.add_run(SECRET[3:])
    p.add_run(f"的住址在广州。{KEEP}。")

    commented = doc.add_paragraph().add_run("这一句有批注。")
    doc.add_comment(commented, text=f"{COMMENT_ONLY}{SECRET}", author=SECRET, initials="ZS")

    tracked = doc.add_paragraph("修订：")
    tracked._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W_NS}" w:id="901" w:author="{SECRET}" '
            'w:date="2026-01-05T10:00:00Z">'
            f"<w:r><w:delText>{DELETED_ONLY}{SECRET}</w:delText></w:r></w:del>"
        )
    )
    tracked._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W_NS}" w:id="902" w:author="{SECRET}" '
            f'w:date="2026-01-05T10:00:00Z"><w:r><w:t>{INSERTED}</w:t></w:r></w:ins>'
        )
    )

    hidden = doc.add_paragraph("可见文字。")
    run = hidden.add_run(f"{HIDDEN_ONLY}{SECRET}")
    run.font.hidden = True

    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "联系人"
    table.cell(0, 1).text = SECRET

    buffer = io.BytesIO()
    doc.save(buffer)
    return _add_parts(buffer.getvalue())


def _add_parts(data: bytes) -> bytes:
    """Add a custom XML part, custom properties, alt text and rsids the way Word writes them."""
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: src.read(name) for name in src.namelist()}
    parts["customXml/item1.xml"] = f"<data><owner>{SECRET}</owner></data>".encode()
    parts["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner">'
        f"<vt:lpwstr>{SECRET}</vt:lpwstr></property></Properties>"
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        "</Types>",
        '<Override PartName="/docProps/custom.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    )
    parts["[Content_Types].xml"] = types.encode()
    rels = parts["_rels/.rels"].decode()
    parts["_rels/.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    ).encode()
    doc_rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = doc_rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdCx1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/customXml" Target="../customXml/item1.xml"/></Relationships>',
    ).encode()
    document = parts["word/document.xml"].decode()
    # rsids on a paragraph, and a drawing's alt text (wp:docPr descr) naming the secret.
    document = document.replace("<w:p>", '<w:p w:rsidR="00AB12CD" w:rsidRDefault="00AB12CD">', 1)
    document = document.replace(
        "</w:body>",
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
        'drawingml/2006/wordprocessingDrawing"><wp:extent cx="1" cy="1"/>'
        f'<wp:docPr id="77" name="图片 1" descr="照片：{SECRET}" title="{SECRET}"/>'
        "</wp:inline></w:drawing></w:r></w:p></w:body>",
    )
    parts["word/document.xml"] = document.encode()
    settings_xml = parts["word/settings.xml"].decode()
    if "<w:rsids>" not in settings_xml:
        settings_xml = settings_xml.replace(
            "</w:settings>",
            '<w:rsids><w:rsidRoot w:val="00AB12CD"/><w:rsid w:val="00AB12CD"/></w:rsids>'
            "</w:settings>",
        )
    parts["word/settings.xml"] = settings_xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def docx_texts(data: bytes) -> dict[str, str]:
    """Every part of a DOCX package decoded as text (binary parts as latin-1)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    out = {}
    for name in archive.namelist():
        raw = archive.read(name)
        try:
            out[name] = raw.decode("utf-8")
        except UnicodeDecodeError:
            out[name] = raw.decode("latin-1")
    return out
