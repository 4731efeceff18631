import datetime as dt

import pytest

from sunshine.disclosure.docparse.dates import date_line, parse_cn_date


@pytest.mark.parametrize(
    "written,expected",
    [
        ("2016年12月12日", dt.date(2016, 12, 12)),
        ("2016 年 12 月 12日", dt.date(2016, 12, 12)),
        ("2017\u2002\u2002年\u2002\u200211 月 24 日", dt.date(2017, 11, 24)),
        ("２０１６年１２月１２日", dt.date(2016, 12, 12)),
        ("二〇一六年十二月十二日", dt.date(2016, 12, 12)),
        ("二○○七年一月十八日", dt.date(2007, 1, 18)),
        ("二ОО六年六月八日", dt.date(2006, 6, 8)),  # Cyrillic О, as typed on a real page
        ("一九九八年七月二十七日", dt.date(1998, 7, 27)),
        ("二〇二〇年三月三十一日", dt.date(2020, 3, 31)),
        ("二〇二〇年十月廿一日", dt.date(2020, 10, 21)),
        ("二〇二〇年十月十日", dt.date(2020, 10, 10)),
    ],
)
def test_dates_in_arabic_and_chinese_numerals(written, expected):
    assert parse_cn_date(written) == expected
    assert date_line(written) == expected


def test_impossible_dates_and_mixed_lines():
    assert parse_cn_date("二〇一六年二月三十日") is None
    assert parse_cn_date("2016年13月1日") is None
    assert parse_cn_date("于2017年1月10日前报省府办公厅") == dt.date(2017, 1, 10)
    assert date_line("于2017年1月10日前报省府办公厅") is None
    assert date_line("（2016年12月12日）") == dt.date(2016, 12, 12)
    assert date_line("2016年12月12日（此件公开发布）") == dt.date(2016, 12, 12)
