import io
import json

import pytest
from django.core.management import CommandError, call_command

from sunshine.disclosure.docparse.parse import parse_document
from sunshine.kernel.files.testing import make_image

from .seed import RECIPIENTS, SEED_PATH, SEED_TEXT, TITLE, seed_docx, seed_pdf


def run(path) -> dict:
    out = io.StringIO()
    call_command("extract_metadata", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def expected() -> dict:
    return parse_document(SEED_TEXT)


def test_seed_notice_as_text():
    result = run(SEED_PATH)
    assert result == expected()
    assert (result["title"], result["issuer"], result["date_written"]) == (
        TITLE,
        "广东省人民政府办公厅",
        "2016-12-12",
    )
    assert result["recipients"].startswith("各地级以上市人民政府")


def test_seed_notice_as_pdf_gives_the_same_result(tmp_path):
    body = expected()["body"].split("\n")
    path = tmp_path / "notice.pdf"
    path.write_bytes(seed_pdf(body))
    result = run(path)
    assert result["title"] == TITLE
    assert result["recipients"] == RECIPIENTS
    assert result == expected()


def test_seed_notice_as_docx_gives_the_same_result(tmp_path):
    path = tmp_path / "notice.docx"
    path.write_bytes(seed_docx(expected()["body"].split("\n")))
    assert run(path) == expected()


def test_plain_output_and_errors(tmp_path):
    out = io.StringIO()
    call_command("extract_metadata", str(SEED_PATH), stdout=out)
    assert f"标题：{TITLE}" in out.getvalue() and "发文字号：—" in out.getvalue()
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("extract_metadata", str(tmp_path / "missing.pdf"))
    image = tmp_path / "scan.png"
    image.write_bytes(make_image())
    with pytest.raises(CommandError, match="只支持 TXT、PDF 和 DOCX"):
        call_command("extract_metadata", str(image))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(seed_pdf(["正文。"])[:300])
    with pytest.raises(CommandError, match="PDF 文件已损坏"):
        call_command("extract_metadata", str(broken))
