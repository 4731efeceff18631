import io
import zipfile

import pytest

from sunshine.kernel.files.extract import (
    ExtractionError,
    clean_text,
    decode_text,
    drop_page_number_lines,
    extract_raw_text,
    is_page_number_line,
    join_cjk_lines,
    read_document,
)
from sunshine.kernel.files.testing import (
    make_docx,
    make_image,
    make_pdf,
    make_xlsx,
    wrap_paragraphs,
)


def test_cjk_line_breaks_are_joined_only_between_cjk():
    assert join_cjk_lines("推进阳光政务建\n设工作") == "推进阳光政务建设工作"
    assert join_cjk_lines("经省人民政府同意，\n现将有关") == "经省人民政府同意，现将有关"
    assert join_cjk_lines("力争省直部门在 \n2018 年实现") == "力争省直部门在2018 年实现"
    assert join_cjk_lines("鼓励开通手机 APP\n短信平台") == "鼓励开通手机 APPAPP短信平台".replace(
        "APPAPP", "APP"
    )
    # Sentence-final punctuation may end a paragraph; Latin words keep their break.
    assert join_cjk_lines("通知如下：\n一、推动") == "通知如下：\n一、推动"
    assert join_cjk_lines("效果。\n三、加强") == "效果。\n三、加强"
    assert join_cjk_lines("open\ngovernment") == "open\ngovernment"


@pytest.mark.parametrize(
    "line", ["— 3 —", "- 3 -", "－ 12 －", "—3—", "  — 2 —  ", "第 3 页", "第3页 共10页", "3/10"]
)
def test_page_number_lines(line):
    assert is_page_number_line(line)


@pytest.mark.parametrize("line", ["3", "一、推进", "2016年12月12日", "— 三是 —", "-3"])
def test_not_page_number_lines(line):
    assert not is_page_number_line(line)


def test_clean_pdf_text_drops_page_numbers_and_joins_lines():
    raw = "政务公开工作纳入政府绩效考\n— 2 —\n核，分值权重不低于 4%。\n省直部门要"
    assert (
        drop_page_number_lines(raw)
        == "政务公开工作纳入政府绩效考\n核，分值权重不低于 4%。\n省直部门要"
    )
    assert clean_text("pdf", raw) == "政务公开工作纳入政府绩效考核，分值权重不低于 4%。\n省直部门要"
    assert clean_text("txt", "a\r\n\r\n\r\n\r\nb\x00") == "a\n\nb"


def test_pdf_latin_text():
    data = make_pdf([["Open Government Notice", "Second line (page 1)"], ["Page two"]], cjk=False)
    text = extract_raw_text("pdf", data)
    assert text.split("\n") == ["Open Government Notice", "Second line (page 1)", "Page two"]


def test_pdf_chinese_text_with_visual_line_breaks_and_page_numbers():
    paragraph = (
        "为贯彻落实省阳光政务建设经验推介现场会精神，推广省交通运输厅深入推进政务公开的经验做法。"
    )
    lines = wrap_paragraphs([paragraph])
    data = make_pdf([lines[:1], lines[1:]], footers=["— 1 —", "— 2 —"])
    raw = extract_raw_text("pdf", data)
    assert "— 1 —" in raw and raw.count("\n") >= 3
    assert clean_text("pdf", raw) == paragraph


def test_docx_paragraphs_and_tables():
    data = make_docx(
        ["广东省人民政府办公厅关于推进阳光政务建设工作的通知", "各地级以上市人民政府："],
        table=[["序号", "事项"], ["1", "政务公开"]],
    )
    assert extract_raw_text("docx", data).split("\n") == [
        "广东省人民政府办公厅关于推进阳光政务建设工作的通知",
        "各地级以上市人民政府：",
        "序号\t事项",
        "1\t政务公开",
    ]


def test_xlsx_cell_text():
    data = make_xlsx([["文号", "标题"], ["粤府办〔2016〕1号", "通知"], [None, 42]], title="目录")
    assert extract_raw_text("xlsx", data).split("\n") == [
        "目录",
        "文号\t标题",
        "粤府办〔2016〕1号\t通知",
        "42",
    ]


def test_text_in_utf8_and_gb18030():
    assert decode_text("\ufeff阳光政务\r\n".encode()) == "阳光政务\n"
    assert extract_raw_text("txt", "阳光政务".encode("gb18030")) == "阳光政务"


def test_images_have_no_text_yet():
    assert extract_raw_text("png", make_image("PNG")) == ""


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in names.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_damaged_files_raise_a_clear_error():
    pdf = make_pdf([["Hello"]], cjk=False)
    with pytest.raises(ExtractionError, match="PDF 文件已损坏"):
        extract_raw_text("pdf", pdf[: len(pdf) // 2])
    fake_docx = _zip({"[Content_Types].xml": b"<nonsense", "word/document.xml": b"garbage"})
    with pytest.raises(ExtractionError, match="DOCX 文件已损坏或不是有效的 Word 文档"):
        extract_raw_text("docx", fake_docx)
    docx = make_docx(["政务"])
    with pytest.raises(ExtractionError, match="DOCX 文件已损坏"):
        extract_raw_text("docx", docx[: len(docx) // 2])
    fake_xlsx = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<broken"})
    with pytest.raises(ExtractionError, match="XLSX 文件已损坏"):
        extract_raw_text("xlsx", fake_xlsx)


def test_read_document_sniffs_then_extracts(tmp_path):
    path = tmp_path / "notice.docx"
    path.write_bytes(make_docx(["阳光政务"]))
    with path.open("rb") as fh:
        assert read_document(fh) == ("docx", "阳光政务")
