"""成文日期 and other dates as documents write them: 2016年12月12日, 2016 年 12 月 12日 (PDF
spacing), full-width digits, and Chinese numerals 二〇一六年十二月十二日 (also 二○○七 with the
circle ○ and OCR's O)."""

import datetime as dt
import re

_ZERO = "〇○零OoＯ0０\u041e\u043e\u039f"  # also the Cyrillic and Greek O of OCR and typists
_CN_DIGITS = {c: 0 for c in _ZERO} | dict(zip("一二三四五六七八九", range(1, 10), strict=True))
_CN_DIGITS |= {str(i): i for i in range(10)} | {chr(0xFF10 + i): i for i in range(10)}
_YEAR = rf"[0-9０-９]{{4}}|[{_ZERO}一二三四五六七八九]{{4}}"
_SMALL = r"[0-9０-９]{1,2}|[一二三四五六七八九十廿卅]{1,3}"
_S = r"[^\S\n]*"  # spaces of any kind (PDF text has EN SPACEs and full-width ones)
DATE_PATTERN = rf"(?P<y>{_YEAR}){_S}年{_S}(?P<m>{_SMALL}){_S}月{_S}(?P<d>{_SMALL}){_S}日"
DATE_RE = re.compile(DATE_PATTERN)
# A line that is only a date (the 成文日期 line), maybe in brackets or with a note after it.
DATE_LINE_RE = re.compile(rf"^[（(]?{_S}{DATE_PATTERN}{_S}[）)]?(?:{_S}[（(][^）)]*[）)])?$")


def _small_number(text: str) -> int | None:
    """1..31 in Arabic or Chinese numerals (十二, 二十八, 廿一, 三十一)."""
    if text[0] in _CN_DIGITS and all(c in _CN_DIGITS for c in text):
        value = 0
        for c in text:
            value = value * 10 + _CN_DIGITS[c]
        return value
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" not in text:
        return None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CN_DIGITS):
        return None
    if ones and ones not in _CN_DIGITS:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _year(text: str) -> int:
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def date_of_match(match: re.Match) -> dt.date | None:
    month, day = _small_number(match["m"]), _small_number(match["d"])
    if month is None or day is None:
        return None
    try:
        return dt.date(_year(match["y"]), month, day)
    except ValueError:
        return None


def parse_cn_date(text: str) -> dt.date | None:
    """The first date written in `text`, or None."""
    for match in DATE_RE.finditer(text):
        value = date_of_match(match)
        if value:
            return value
    return None


def date_line(line: str) -> dt.date | None:
    """The date if the whole line is a date (the 成文日期 line), else None."""
    match = DATE_LINE_RE.match(line.strip())
    return date_of_match(match) if match else None
