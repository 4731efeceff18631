"""Lines and paragraphs of a document's raw text.

Text from a PDF is hard-wrapped: every visual line ends with a line break, also inside words
(建\\n设), page numbers (— 2 —) sit between lines, and extractors add blank lines and stray
spaces (在 2018 年). Text scraped from a web page or read from a DOCX has one paragraph per
line. `paragraphs(text)` tells the two apart and gives the paragraphs either way.

How a hard-wrapped paragraph is recognised: most lines inside a paragraph are full lines of
(nearly) the same width W; a paragraph's last line is shorter, or ends with sentence-final
punctuation followed by a trailing space (extractors leave one there), or is followed by a
line that starts a list item (一、 （二） 3. 第四条)."""

import re
import statistics
import unicodedata
from dataclasses import dataclass

from sunshine.kernel.files.extract import HAN, SENTENCE_END, is_page_number_line

CLOSERS = "”’）)」』》〕】"
# 一、 （一） (1) 1. 1、 1． 第一条 第一章 第一节
LIST_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[）)]|\d{1,3}[.、．]\D"
    r"|第[一二三四五六七八九十百零〇\d]+[条章节部分]|附件\s*\d*[：:]?$|附件[：:])"
)
# Web-page chrome that scrapers keep (font-size switches, share and print links, counters).
CHROME = re.compile(
    r"^(?:字号[:：].*|【?\s*(?:字体|字号)[:：]?\s*[大中小\s-]+】?|选择字体.*|扫一扫.*|分享[到]?[:：]?"
    r"|打印本页|【?打印】?|关闭(?:窗口)?|【?关闭窗口】?|浏览次数[:：].*|\[放大字体\].*|文件下载.*"
    r"|全真版[:：].*|本文链接[:：].*|本文关键词[:：].*|发布日期[:：].*|下载|返回顶部)$"
)
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but a line break (EN SPACE, NBSP, 全角空格...)
_ASCII_HAN_SPACE = re.compile(
    rf"(?<=[{HAN}])[ \t\u00a0]+(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])[ \t\u00a0]+(?=[{HAN}])"
)


def display_width(text: str) -> int:
    """Columns a line takes: wide (CJK) characters 2, others 1, spaces 0 (extractors add and
    drop spaces at will)."""
    return sum(
        0 if c.isspace() else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


@dataclass
class Line:
    text: str  # stripped, runs of spaces collapsed
    trailing_space: bool  # the raw line had whitespace after its last character
    indented: bool  # the raw line started with at least two spaces or a full-width space
    width: int

    @property
    def last(self) -> str:
        return self.text[-1:] if self.text else ""


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of the text, without page numbers and web-page chrome."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = re.sub(r"[\u200b-\u200f\u2060\ufeff]", "", text)
    lines = []
    for raw in text.split("\n"):
        stripped = _SPACES.sub(" ", raw).strip()
        if not stripped or is_page_number_line(stripped) or CHROME.match(stripped):
            continue
        lines.append(
            Line(
                text=stripped,
                trailing_space=raw != raw.rstrip(),
                indented=bool(re.match(r"(?:[^\S\n]{2}|[\u3000\t])", raw)),
                width=display_width(stripped),
            )
        )
    return lines


def ends_mid_sentence(line: Line) -> bool:
    return bool(line.text) and line.last not in SENTENCE_END + CLOSERS + "."


def full_width_of(lines: list[Line]) -> int | None:
    """W if the text is hard-wrapped (PDF-like), else None.

    Hard-wrapped: at least five lines end mid-sentence, they are at least a quarter of all
    lines, and two thirds of them are within 12% of their median width."""
    candidates = [line.width for line in lines if ends_mid_sentence(line) and line.width >= 20]
    if len(candidates) < 5 or len(candidates) < len(lines) / 4:
        return None
    width = statistics.median(candidates)
    near = sum(1 for w in candidates if abs(w - width) <= 0.12 * width)
    return int(width) if near >= 2 * len(candidates) / 3 else None


def join_wrapped(left: str, right: str) -> str:
    """Two pieces of one paragraph: no space between CJK text nor inside a number wrapped over
    two lines (1\n0日), one between Latin words."""
    if not left:
        return right
    if re.match(r"[A-Za-z]", left[-1]) and re.match(r"[A-Za-z]", right[:1]):
        return left + " " + right
    return left + right


def ends_paragraph(line: Line, following: Line | None, width: int) -> bool:
    """Whether a hard-wrapped line is the last of its paragraph."""
    if following is None:
        return True
    if line.width < 0.85 * width:
        return True  # a short line: the paragraph's last, or a heading
    final = line.last in SENTENCE_END or (line.last in CLOSERS and line.text[-2:-1] in SENTENCE_END)
    if not final:
        return False
    return line.trailing_space or following.indented or bool(LIST_MARKER.match(following.text))


def tidy(text: str, *, hard_wrapped: bool) -> str:
    """Spaces that PDF extraction puts between Han characters and digits go (在 2018 年 →
    在2018年); spaces between Han characters stay (they align names: 部　长　钟　山)."""
    return _ASCII_HAN_SPACE.sub("", text) if hard_wrapped else text


def group_paragraphs(lines: list[Line], width: int | None) -> list[list[Line]]:
    """The lines of each paragraph."""
    if width is None:
        return [[line] for line in lines]
    groups: list[list[Line]] = []
    current: list[Line] = []
    for i, line in enumerate(lines):
        current.append(line)
        if ends_paragraph(line, lines[i + 1] if i + 1 < len(lines) else None, width):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def paragraph_text(group: list[Line], *, hard_wrapped: bool) -> str:
    text = ""
    for line in group:
        text = join_wrapped(text, line.text)
    return tidy(text, hard_wrapped=hard_wrapped)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a document's raw text (see the module doc)."""
    lines = split_lines(text)
    width = full_width_of(lines)
    return [
        paragraph_text(group, hard_wrapped=width is not None)
        for group in group_paragraphs(lines, width)
    ]
