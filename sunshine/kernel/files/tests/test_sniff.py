import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel.files.sniff import check_upload
from sunshine.kernel.files.testing import make_docx, make_image, make_pdf, make_xlsx, upload

PDF = make_pdf([["Hello"]], cjk=False)
DOCX = make_docx(["广东省人民政府办公厅"])
XLSX = make_xlsx([["文号", "标题"]])


@pytest.mark.parametrize(
    "name,data,kind,mime",
    [
        ("a.pdf", PDF, "pdf", "application/pdf"),
        (
            "通知.docx",
            DOCX,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "表.XLSX",
            XLSX,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("说明.txt", "阳光政务\r\n第二行\t".encode(), "txt", "text/plain"),
        ("gbk.txt", "广东省人民政府".encode("gb18030"), "txt", "text/plain"),
        ("p.png", make_image("PNG"), "png", "image/png"),
        ("p.jpeg", make_image("JPEG"), "jpeg", "image/jpeg"),
        ("p.jpg", make_image("JPEG"), "jpeg", "image/jpeg"),
        ("p.gif", make_image("GIF"), "gif", "image/gif"),
        ("p.webp", make_image("WEBP"), "webp", "image/webp"),
        ("no-extension", PDF, "pdf", "application/pdf"),
    ],
)
def test_accepts_supported_types_by_content(name, data, kind, mime):
    result = check_upload(upload(name, data))
    assert (result.kind, result.mime_type, result.size) == (kind, mime, len(data))
    assert result.sha256 == hashlib.sha256(data).hexdigest()


def test_text_encoding_is_reported():
    assert check_upload(upload("a.txt", "政务".encode())).encoding == "utf-8"
    assert check_upload(upload("a.txt", "政务公开".encode("gb18030"))).encoding == "gb18030"


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in names.items():
            archive.writestr(name, body)
    return out.getvalue()


def _rejected(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as info:
        check_upload(upload(name, data))
    return " ".join(info.value.messages)


def test_an_extension_contradicting_the_content_is_refused():
    assert "“.pdf”与文件内容（Word 文档（DOCX））不符" in _rejected("通知.pdf", DOCX)
    assert "不符" in _rejected("scan.png", make_image("JPEG"))
    assert "不符" in _rejected("readme.docx", b"plain text")
    assert "不支持扩展名为“.csv”" in _rejected("data.csv", b"a,b\n1,2\n")


def test_unsupported_content_is_refused():
    assert "不支持的文件类型" in _rejected("a.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04")
    assert "不支持的文件类型" in _rejected("a.txt", b"text with a NUL\x00 byte")
    assert "不支持的文件类型" in _rejected("a.txt", b"\xff\xfe\x00\x01 binary \x02\x03")
    assert "不是 DOCX 或 XLSX" in _rejected("a.docx", _zip({"readme.txt": b"hi"}))
    assert "旧版 Word/Excel" in _rejected("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    assert "文件为空" in _rejected("a.pdf", b"")


def test_size_limit_comes_from_settings(settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    message = _rejected("big.txt", b"x" * 101)
    assert "文件过大" in message and "100" in message
    assert check_upload(upload("ok.txt", b"x" * 100)).size == 100


def test_a_damaged_zip_is_still_recognised_by_its_part_names():
    """Stored, so that extraction can fail with a clear message on the attachment."""
    assert check_upload(upload("cut.docx", DOCX[: len(DOCX) // 2])).kind == "docx"
