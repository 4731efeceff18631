import hashlib
import io
import struct
import time
import tracemalloc
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


def _many_empty_parts(count: int) -> bytes:
    """A DOCX-looking zip of `count` empty stored parts, written directly (zipfile's writer
    would take seconds and keep an object a part); a zip64 end record past 65,535 parts."""
    names = [b"[Content_Types].xml", b"word/document.xml"] + [b"p%d" % n for n in range(count)]
    local, central, offset = [], [], 0
    for name in names:
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
        local.append(header + name)
        offset += len(header) + len(name)
    body, directory, n = b"".join(local), b"".join(central), len(names)
    end = b""
    if n > 0xFFFF:
        end += struct.pack(
            "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, n, n, len(directory), len(body)
        )
        end += struct.pack("<4sLQL", b"PK\x06\x07", 0, len(body) + len(directory), 1)
        n = 0xFFFF
    end += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, len(directory), len(body), 0)
    return body + directory + end


@pytest.mark.django_db
def test_a_zip_of_too_many_parts_is_refused_before_its_directory_is_parsed(province, media):
    """Issue 12.1: zipfile makes an object of every directory entry, so a 40 MB upload of
    450,000 empty parts took 12 s and 60 MB of the request (and was accepted as a DOCX). The
    end record's declared count is checked first: refused at once, nothing saved."""
    from sunshine.kernel.files import services
    from sunshine.kernel.files.models import Attachment
    from sunshine.testing.factories import UserFactory

    bomb = _many_empty_parts(450_000)
    assert len(bomb) > 40_000_000
    owner = UserFactory(agency=province["office"])
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(ValidationError) as info:
        services.store_attachment(owner=owner, uploaded_file=upload("通知.docx", bomb), actor=owner)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.code == "too_large"
    assert info.value.messages == [
        "压缩文件过大，不能上传：压缩包内有 450002 个部件，超过上限 1000 个。"
    ]
    assert elapsed < 0.5  # zipfile alone takes over 8 s on this file
    assert peak < 5 * 1024 * 1024  # allocated by the check (the upload itself is in memory)
    assert not Attachment.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_part_limit_from_settings_and_a_lying_directory_are_refused(settings):
    with zipfile.ZipFile(io.BytesIO(_many_empty_parts(70_000))) as archive:  # a valid zip64
        assert len(archive.infolist()) == 70_002
        assert archive.infolist()[1].filename == "word/document.xml"
    settings.FILE_EXTRACT_LIMITS = {"max_parts": 50}
    message = _rejected("a.xlsx", _many_empty_parts(60))
    assert message == "压缩文件过大，不能上传：压缩包内有 62 个部件，超过上限 50 个。"
    # An end record that declares few parts while its directory is large.
    few = _many_empty_parts(2000)
    end = few.rindex(b"PK\x05\x06")
    lying = few[: end + 8] + struct.pack("<HH", 3, 3) + few[end + 12 :]
    assert "压缩包目录为" in _rejected("a.docx", lying)
    # Normal documents (DOCX, XLSX) still pass under that limit.
    assert check_upload(upload("a.docx", DOCX)).kind == "docx"
    assert check_upload(upload("a.xlsx", XLSX)).kind == "xlsx"
