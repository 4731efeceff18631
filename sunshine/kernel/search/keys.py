"""Exact keys of the index: 文号 (doc_number) and 索引号 (index_number), normalised so that the
forms people type find the form that was published, and found inside a query.

文号 `<机关代字>〔<year>〕<n>号` (rules.md §2) is written with many brackets in the wild:
`粤府办[2016]1号`, `粤府办(2016)1号`, `粤府办［2016］1号`, `粤府办（2016）1号`, `粤府办【2016】1号`,
with spaces or leading zeros; all become `粤府办〔2016〕1号`. 索引号 `<机构代码>/<year>-<serial>`
is compared without spaces and in upper case.

The end of a 文号 finds every 文号 that ends so: `629号` (any 机关代字 and year, also an order
`第629号`), `〔2016〕629号` (any 机关代字). These are prefixes of the reversed key
(`doc_key_reversed`), which the b-tree index serves on both databases. A year bracket left
open at the end of a query (`粤办函〔2016`) is closed.
"""

import re
import unicodedata
from dataclasses import dataclass

_YEAR_BRACKETS_RE = re.compile(r"[\[(【〔〖﹝]\s*(\d{4})\s*[\])】〕〗﹞]")
_SPACE_RE = re.compile(r"\s+")
_LEADING_ZEROS_RE = re.compile(r"(〕|第)0+(\d)")

# Inside a normalised query: a 文号 (or the prefix of one, up to the year), an order number
# (`粤府令第1号`), a 索引号 (or its prefix).
_DOC_NUMBER_RE = re.compile(r"([\u4e00-\u9fff]{1,12})\s*〔(\d{4})〕(?:\s*(\d{1,6})\s*号?)?")
_ORDER_NUMBER_RE = re.compile(r"([\u4e00-\u9fff]{1,12}令)\s*第\s*(\d{1,6})\s*号")
# The end of a 文号, once the whole ones are taken out: `〔2016〕629号`, `第629号`, `629号`
# (not a digit run inside a longer number, and the 号 is required: a bare number is a word).
_YEAR_NUMBER_RE = re.compile(r"〔(\d{4})〕\s*(\d{1,6})\s*号?")
_NUMBER_RE = re.compile(r"(?<![\d.])(第)?\s*(\d{1,6})\s*号")
_OPEN_YEAR_RE = re.compile(r"([\[(【〔〖﹝])\s*(\d{4})\s*$")
_INDEX_NUMBER_RE = re.compile(r"(?<![0-9A-Z])([0-9A-Z]{6,24})/(\d{4})(?:-(\d{1,8}))?")

SERIAL_DIGITS = 5  # 索引号 serials are 5 digits (rules.md §2)
MAX_PREFIX_CHARS = 8  # the longest 机关代字 we try when a query glues words to a 文号


def normalize_doc_number(value: str | None) -> str:
    """`粤府办［2016］01 号` → `粤府办〔2016〕1号`."""
    text = unicodedata.normalize("NFKC", value or "")
    text = _SPACE_RE.sub("", text)
    text = _YEAR_BRACKETS_RE.sub(r"〔\1〕", text)
    return _LEADING_ZEROS_RE.sub(r"\1\2", text)


def normalize_index_number(value: str | None) -> str:
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", value or "")).upper()


@dataclass(frozen=True)
class KeyQuery:
    """The exact keys a query names. `doc_exact`/`index_exact` must equal a key;
    `doc_prefixes`/`index_prefixes` must start one. A 文号 glued to other words
    (`关于粤府办〔2016〕1号`) gives one candidate per possible 机关代字 (`粤府办〔2016〕1号`,
    `府办〔2016〕1号`, ...). `rest` is the query without the keys."""

    doc_exact: tuple[str, ...] = ()
    doc_prefixes: tuple[str, ...] = ()
    doc_suffixes: tuple[str, ...] = ()  # the key ends so (`〕629号`, `第629号`)
    index_exact: tuple[str, ...] = ()
    index_prefixes: tuple[str, ...] = ()
    rest: str = ""
    # The keys as typed (the longest 机关代字 of each 文号): ranked before the shorter
    # candidates (国办发〔2020〕 before 办发〔2020〕 of 沪府办发〔2020〕…).
    primary: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(
            self.doc_exact
            or self.doc_prefixes
            or self.doc_suffixes
            or self.index_exact
            or self.index_prefixes
        )

    @property
    def labels(self) -> tuple[str, ...]:
        """The keys as the user wrote them in normalised form (for highlighting)."""
        ends = tuple(s.lstrip("〕第") for s in self.doc_suffixes)
        return self.doc_exact + self.doc_prefixes + ends + self.index_exact + self.index_prefixes


def _agency_codes(run: str) -> list[str]:
    """The possible 机关代字 at the end of a run of Chinese characters, longest first."""
    longest = min(len(run), MAX_PREFIX_CHARS)
    return [run[-n:] for n in range(longest, 0, -1) if n >= 2 or len(run) == 1]


def parse_keys(q: str) -> KeyQuery:
    # Not normalize_doc_number: the spaces between words of the query must stay.
    text = _OPEN_YEAR_RE.sub(r"\1\2〕", unicodedata.normalize("NFKC", q.strip()))
    text = _YEAR_BRACKETS_RE.sub(r"〔\1〕", text)
    upper = text.upper()
    doc_exact: list[str] = []
    doc_prefixes: list[str] = []
    index_exact: list[str] = []
    index_prefixes: list[str] = []
    spans: list[tuple[int, int]] = []
    primary: list[str] = []

    for m in _DOC_NUMBER_RE.finditer(text):
        run, year, number = m.groups()
        for code in _agency_codes(run):
            if number:
                doc_exact.append(f"{code}〔{year}〕{int(number)}号")
            else:
                doc_prefixes.append(f"{code}〔{year}〕")
        primary.append((doc_exact if number else doc_prefixes)[-len(_agency_codes(run))])
        spans.append(m.span())
    for m in _ORDER_NUMBER_RE.finditer(text):
        run, number = m.groups()
        doc_exact.extend(f"{code}第{int(number)}号" for code in _agency_codes(run))
        primary.append(doc_exact[-len(_agency_codes(run))])
        spans.append(m.span())
    for m in _INDEX_NUMBER_RE.finditer(upper):
        code, year, serial = m.groups()
        if serial and len(serial) >= SERIAL_DIGITS:
            index_exact.append(f"{code}/{year}-{serial}")
        elif serial:
            index_exact.append(f"{code}/{year}-{serial.zfill(SERIAL_DIGITS)}")
        else:
            index_prefixes.append(f"{code}/{year}-")
        primary.append((index_exact if serial else index_prefixes)[-1])
        spans.append(m.span())

    rest = _without(text, spans)
    doc_suffixes: list[str] = []
    # What is left may hold the end of a 文号 (after the whole ones, so that the number of
    # 粤府办〔2016〕1号 is not taken for an end of its own).
    ends: list[tuple[int, int]] = []
    for m in _YEAR_NUMBER_RE.finditer(rest):
        year, number = m.groups()
        doc_suffixes.append(f"〔{year}〕{int(number)}号")
        ends.append(m.span())
    rest = _without(rest, ends)
    ends = []
    for m in _NUMBER_RE.finditer(rest):
        order, number = m.groups()
        found = [f"第{int(number)}号"] if order else [f"〕{int(number)}号", f"第{int(number)}号"]
        doc_suffixes += found
        ends.append(m.span())
    rest = _without(rest, ends)
    primary += doc_suffixes
    return KeyQuery(
        doc_exact=tuple(dict.fromkeys(doc_exact)),
        doc_prefixes=tuple(dict.fromkeys(doc_prefixes)),
        doc_suffixes=tuple(dict.fromkeys(doc_suffixes)),
        index_exact=tuple(dict.fromkeys(index_exact)),
        index_prefixes=tuple(dict.fromkeys(index_prefixes)),
        rest=_SPACE_RE.sub(" ", rest).strip(),
        primary=tuple(dict.fromkeys(primary)),
    )


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text
