import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sunshine.disclosure.docparse.docnumber import (
    DocNumber,
    doc_number_of_line,
    find_doc_numbers,
    normalize_doc_number,
    parse_doc_number,
)
from sunshine.kernel import clock


@pytest.mark.parametrize(
    "written",
    [
        "粤府办〔2016〕1号",
        "粤府办[2016]1号",
        "粤府办(2016)1号",
        "粤府办［2016］1号",
        "粤府办（2016）1号",
        "粤府办【2016】1号",
        "粤府办﹝2016﹞1号",
        "粤府办 〔 2016 〕 1 号",
        "粤府办〔２０１６〕１号",
        "\u200d粤府办〔2016〕第1号",
        "粤府办〔2016〕001号",
        "粤府办(2016〕1号",
    ],
)
def test_bracket_and_spacing_variants_normalise(written):
    assert normalize_doc_number(written) == "粤府办〔2016〕1号"
    assert parse_doc_number(written) == ("粤府办", 2016, 1)


def test_parse_gives_a_named_tuple():
    number = parse_doc_number("渝府办发〔2022〕109号")
    assert isinstance(number, DocNumber)
    assert (number.prefix, number.year, number.serial) == ("渝府办发", 2022, 109)
    assert str(number) == number.normalized == "渝府办发〔2022〕109号"


@pytest.mark.parametrize(
    "written,message",
    [
        ("", "不能为空"),
        ("省政府令 第90号", "格式不正确"),
        ("环境保护部2017年第81号", "格式不正确"),
        ("晋政办发〔2012〕18", "缺少“号”字"),
        ("晋政发〔2014〕号16", "格式不正确"),
        ("渝府发〔2000〕48号〔〕", "格式不正确"),
        ("粤府〔1900〕1号", "年份 1900 不合理"),
        ("粤府〔2016〕0号", "序号必须大于 0"),
    ],
)
def test_invalid_numbers_are_refused_with_a_clear_message(written, message):
    with pytest.raises(ValidationError, match=message):
        parse_doc_number(written)
    assert normalize_doc_number(written) is None


def test_a_year_after_next_year_is_refused():
    with clock.frozen(dt.date(2016, 12, 12)):
        assert normalize_doc_number("粤府〔2017〕1号") == "粤府〔2017〕1号"
        with pytest.raises(ValidationError, match="年份 2018 不合理"):
            parse_doc_number("粤府〔2018〕1号")


def test_numbers_in_running_text_and_header_lines():
    text = "为贯彻落实《国务院关于……的意见》（国发〔2017〕14号）和（粤府办[2016] 3 号）精神"
    assert find_doc_numbers(text) == ["国发〔2017〕14号", "粤府办〔2016〕3号"]
    assert doc_number_of_line("发文字号：粤办函〔2017〕176号") == "粤办函〔2017〕176号"
    assert doc_number_of_line("粤府〔2016〕1号　　签发人：张三") == "粤府〔2016〕1号"
    assert doc_number_of_line("2018 年 第 2 号") is None
