"""Real files built in memory for tests (no downloads, no fixtures on disk): PDF written by
hand (Latin text in Helvetica; Chinese through the predefined CJK font STSong-Light with the
UniGB-UCS2-H CMap, which every PDF reader and pypdf understand), DOCX with python-docx,
XLSX with openpyxl, images with Pillow."""

import io
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


def _latin_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def _cjk_string(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode() + b">"


def make_pdf(
    pages: Sequence[Sequence[str]],
    *,
    cjk: bool = True,
    font_size: int = 16,
    line_height: int = 28,
    top: int = 770,
    left: int = 80,
    footers: Sequence[str] | None = None,
) -> bytes:
    """A PDF whose page i shows the lines pages[i], one text line each, top to bottom; a line
    starting with two spaces is indented by two characters (a paragraph's first line).
    `footers[i]` is drawn at the bottom of page i (a page number such as "— 2 —")."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in at the end
    pages_obj = add(b"")
    if cjk:
        font = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
            b" /DescendantFonts [" + str(len(objects) + 2).encode() + b" 0 R] >>"
        )
        descriptor = add(
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6"
            b" /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120"
            b" /CapHeight 880 /StemV 93 >>"
        )
        add(
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
            b" /FontDescriptor " + str(descriptor).encode() + b" 0 R /DW 1000 >>"
        )
        encode = _cjk_string
    else:
        font = add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
        )
        encode = _latin_string
    page_ids = []
    for index, lines in enumerate(pages):
        ops = [b"BT", b"/F1 %d Tf" % font_size]
        y = top
        for line in lines:
            x = left + (2 * font_size if line.startswith("  ") else 0)
            ops.append(b"1 0 0 1 %d %d Tm %s Tj" % (x, y, encode(line.strip())))
            y -= line_height
        if footers and index < len(footers) and footers[index]:
            ops.append(b"1 0 0 1 %d 40 Tm %s Tj" % (PAGE_WIDTH // 2 - 30, encode(footers[index])))
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>"
                % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, content, font)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, xref)
    )
    return out.getvalue()


def wrap_paragraphs(paragraphs: Sequence[str], *, width: int = 26, indent: int = 2) -> list[str]:
    """Lay out paragraphs as a PDF would: lines of `width` characters, the first line of each
    paragraph indented by `indent` characters (marked by two leading spaces for make_pdf)."""
    lines = []
    for paragraph in paragraphs:
        first, rest = paragraph[: width - indent], paragraph[width - indent :]
        lines.append("  " + first)
        lines.extend(rest[i : i + width] for i in range(0, len(rest), width))
    return lines


def make_docx(paragraphs: Sequence[str], *, table: Sequence[Sequence[str]] | None = None) -> bytes:
    """A DOCX with these paragraphs (Chinese font set on East Asian runs) and an optional
    table after them."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    for text in paragraphs:
        run = document.add_paragraph().add_run(text)
        run.font.name = "SimSun"
        run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx(rows: Sequence[Sequence[object]], *, title: str = "Sheet1") -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_image(fmt: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    """An uploaded file as a view receives it (content type left to sniffing)."""
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# --- Decompression bombs (for the bounded-extraction tests and bench/extract_bomb.py) -------

_DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx_bomb(
    unpacked_bytes: int, *, paragraph: bytes = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
):
    """A valid DOCX whose word/document.xml is `unpacked_bytes` of tiny paragraphs (millions
    of elements), deflated to a few MB at most. Written part by part, in chunks."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        head = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
            + _W
            + b"><w:body>"
        )
        tail = b"</w:body></w:document>"
        block = paragraph * ((1 << 20) // len(paragraph))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            written = len(head) + len(tail)
            while written + len(block) <= unpacked_bytes:
                part.write(block)
                written += len(block)
            part.write(paragraph * max(0, (unpacked_bytes - written) // len(paragraph)))
            part.write(tail)
    return out.getvalue()


def make_xlsx_bomb(rows: int, *, columns: int = 11, text: str = "x") -> bytes:
    """A valid XLSX (openpyxl writes it, in write-only mode so the test stays small) with
    `rows` rows of `columns` short cells."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    row = [text] * columns
    for _n in range(rows):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_pdf_pages(count: int) -> bytes:
    """A PDF of `count` empty pages (one shared Pages tree), written by hand: small and fast."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] >>" % (PAGE_WIDTH, PAGE_HEIGHT)
    objects.extend(page for _n in range(count))
    return _pdf_file(objects)


def make_pdf_stream_bomb(unpacked_bytes: int) -> bytes:
    """A one-page PDF whose content stream inflates (FlateDecode) to `unpacked_bytes`."""
    import zlib

    packer = zlib.compressobj(9)
    block = b"0 0 m\n" * (1 << 16)
    chunks, left = [], unpacked_bytes
    while left > 0:
        piece = block[: min(left, len(block))]
        chunks.append(packer.compress(piece))
        left -= len(piece)
    chunks.append(packer.flush())
    stream = b"".join(chunks)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def make_png_bomb(width: int, height: int) -> bytes:
    """A PNG header announcing a giant canvas (grey, 1 byte a pixel) with a little real data:
    whoever decodes it would need width × height bytes."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 4)  # the first rows only
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
