"""发文字号 (文号): `<机关代字>〔<年份>〕<序号>号`, e.g. 粤府办〔2016〕1号 (GB/T 9704-2012 §7.2.4:
the year in 六角括号 〔〕, the serial without leading zeros and without 第).

Real documents and websites also write the year in [] () ［］ （） 【】 ﹝﹞, put spaces inside
(豫政 〔2005〕1号), full-width digits, 第 before the serial or leading zeros (沪科合〔2008〕第006号);
OCR confuses the brackets. `normalize_doc_number` accepts all of these and gives the canonical
form; `parse_doc_number` gives (prefix, year, serial) or raises ValidationError with a clear
message. Numbers of another shape — 令 numbers (省政府令第90号), 公告 numbers (2014年第30号) —
are not 文号 and are refused."""

import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sunshine.kernel import clock

OPEN_BRACKETS = "〔[(（［【﹝〘⦗{｛<〈"
CLOSE_BRACKETS = "〕])）］】﹞〙⦘}｝>〉"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u3000]+")
_PREFIX = r"[\u4e00-\u9fffA-Za-z]{1,20}"
_BODY = (
    rf"(?P<prefix>{_PREFIX})"
    rf"[{re.escape(OPEN_BRACKETS)}](?P<year>\d{{4}})[{re.escape(CLOSE_BRACKETS)}]"
    r"第?(?P<serial>\d{1,6})"
)
_FULL = re.compile(_BODY + "(?P<hao>号?)")
# In running text (spaces allowed anywhere inside, as PDF extraction leaves them).
_S = r"[^\S\n]*"
_IN_TEXT = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,12}}?){_S}[{re.escape(OPEN_BRACKETS)}]{_S}"
    rf"(?P<year>(?:19|20)\d{{2}}){_S}[{re.escape(CLOSE_BRACKETS)}]{_S}第?{_S}"
    rf"(?P<serial>\d{{1,6}}){_S}号"
)
FIRST_YEAR = 1949


class DocNumber(NamedTuple):
    prefix: str  # 机关代字, e.g. 粤府办
    year: int
    serial: int

    @property
    def normalized(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    def __str__(self) -> str:
        return self.normalized


def _compact(value: str) -> str:
    return _INVISIBLE.sub("", value.translate(_FULLWIDTH_DIGITS))


def parse_doc_number(value: str) -> DocNumber:
    """(prefix, year, serial) of a 文号 in any common bracket style; ValidationError else."""
    text = _compact(value or "")
    if not text:
        raise ValidationError(_("文号不能为空。"), code="empty")
    match = _FULL.fullmatch(text)
    if match is None:
        raise ValidationError(
            _("文号“%(value)s”格式不正确，应为“机关代字〔年份〕序号号”，例如“粤府办〔2016〕1号”。")
            % {"value": value.strip()},
            code="invalid",
        )
    if not match["hao"]:
        raise ValidationError(
            _("文号“%(value)s”缺少“号”字。") % {"value": value.strip()}, code="invalid"
        )
    year, serial = int(match["year"]), int(match["serial"])
    if not FIRST_YEAR <= year <= clock.today().year + 1:
        raise ValidationError(
            _("文号“%(value)s”中的年份 %(year)s 不合理。") % {"value": value.strip(), "year": year},
            code="year",
        )
    if serial == 0:
        raise ValidationError(
            _("文号“%(value)s”的序号必须大于 0。") % {"value": value.strip()}, code="serial"
        )
    return DocNumber(match["prefix"], year, serial)


def normalize_doc_number(value: str | None) -> str | None:
    """The canonical form (粤府办〔2016〕1号) of a 文号, or None if it is not one."""
    if not value:
        return None
    try:
        return parse_doc_number(value).normalized
    except ValidationError:
        return None


def find_doc_numbers(text: str) -> list[str]:
    """Every 文号 in running text, normalised, in order of appearance (the prefix is taken
    as the Han characters before the bracket, at most 12, so a preceding word may stick)."""
    found = []
    for match in _IN_TEXT.finditer(text.translate(_FULLWIDTH_DIGITS)):
        number = normalize_doc_number(match.group(0))
        if number:
            found.append(number)
    return found


def doc_number_of_line(line: str) -> str | None:
    """The 文号 if this line is one (a header line: the 文号 alone, maybe after a label such as
    发文字号： or before 签发人：...)."""
    text = _compact(line)
    text = re.sub(r"^(?:发文字号|文号|发文号|字号)[:：]", "", text)
    text = re.sub(r"签发人[:：].*$", "", text)
    return normalize_doc_number(text)
