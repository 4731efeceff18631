"""Splitting the pages of an old gazette issue into its articles, by their titles. Pure
functions on text, no database (historical.py stores what they propose; staff correct it).

A gazette page, as its text layer or OCR gives it:

    广东省人民政府公报                      running header (dropped)
    【省政府文件】                          section heading (栏目)
    广东省人民政府关于加强河道管理的通知      title: a short line (or up to three) ending in
    粤府〔2003〕12号                         通知/决定/意见/办法/…, or "关于…的…"; its 文号
    各地级以上市人民政府，……：              above or below it, or recipients, confirm it
    正文……
    — 3 —                                   page number (dropped)

A title-like line counts as a title when something around it confirms it: a 文号 line just
above or below, a recipients line (各……：) right after it, or its place at the top of a page
or under a section heading. Everything from one title to the next is that article's text;
what comes before the first title (cover, contents) is front matter and is left out."""

import re
from collections import Counter
from dataclasses import dataclass

from sunshine.disclosure.docparse.dates import date_line
from sunshine.disclosure.docparse.docnumber import doc_number_of_line, normalize_doc_number
from sunshine.disclosure.docparse.layout import (
    LIST_MARKER,
    Line,
    full_width_of,
    group_paragraphs,
    paragraph_text,
    split_lines,
    tidy,
)

from .choices import PageSource

MAX_TITLE_LINES = 3
MAX_TITLE_CHARS = 80
_DOC_END = re.compile(
    r"(?:通知|通报|决定|意见|办法|规定|规则|条例|细则|批复|公告|通告|命令|令|报告|函|复函|方案"
    r"|规划|纲要|决议|要点|计划|名单|清单|目录|标准|指引|意见书)(?:[（(][^（()）]{1,15}[）)])?$"
)
_ABOUT = re.compile(r"关于.{2,}的.{1,12}$")
_NOT_TITLE_END = "。，,；;：:、！？!?"
_SECTIONS = {
    "省政府令",
    "省人民政府令",
    "省政府文件",
    "省人民政府文件",
    "省政府办公厅文件",
    "省人民政府办公厅文件",
    "省政府部门文件",
    "部门文件",
    "人事任免",
    "国务院文件",
    "国务院办公厅文件",
    "政策解读",
    "规范性文件",
    "其他",
}
_BRACKETED = re.compile(r"^[【〖\[［](?P<name>[\u4e00-\u9fff]{2,14})[】〗\]］]$")
# Running header/footer: "广东省人民政府公报", "2003年第5期", "公报 · 2003年第5期（总第123期）".
_MASTHEAD = re.compile(
    r"(?:[\u4e00-\u9fff]{2,14}公报)?[·•．.\-—|｜]*(?:\d{4}年)?(?:第\d{1,3}期)?[·•．.\-—|｜]*"
    r"(?:[（(]?总第\d{1,5}期[）)]?)?|\d{4}年\d{1,2}月\d{1,2}日出版"
)
_TOC_LINE = re.compile(r"(?:[.…·．]{3,}|…{2,})\s*[（(]?\d{1,4}[）)]?$")
_TOC_HEADING = {"目录", "本期目录"}
_RECIPIENTS = re.compile(r"^(?:各|有关|你|省政府各|省直各).{1,200}[：:]$")


@dataclass(frozen=True)
class PageText:
    number: int  # 1-based page number in the PDF
    text: str
    source: str = PageSource.BORN_DIGITAL
    confidence: float | None = None  # OCR pages only


@dataclass
class ProposedArticle:
    title: str
    doc_number: str = ""
    section: str = ""
    body: str = ""
    page_start: int = 0
    page_end: int = 0
    source: str = PageSource.BORN_DIGITAL  # "ocr" when any of its pages was OCR'd
    confidence: float | None = None  # mean OCR confidence of its OCR'd pages


@dataclass
class _Line:
    line: Line  # as docparse's split_lines gives it
    compact: str
    page: int
    page_first: bool  # first content line of its page

    @property
    def text(self) -> str:
        return self.line.text


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def section_of(line: str) -> str | None:
    """The 栏目 name if the line is a section heading (省政府文件, 【部门文件】)."""
    compact = _compact(line)
    match = _BRACKETED.match(compact)
    name = match["name"] if match else compact
    if name in _SECTIONS or (match and len(name) <= 10):
        return name
    return None


def is_titleish(text: str) -> bool:
    """Could be (part of) a title: short, no sentence punctuation at the end, not a 文号, a
    date, a list item or a recipients line."""
    compact = _compact(text)
    return (
        4 <= len(compact) <= 60
        and compact[-1] not in _NOT_TITLE_END
        and doc_number_of_line(compact) is None
        and date_line(compact) is None
        and not LIST_MARKER.match(compact)
        and not _TOC_LINE.search(text)
        and section_of(compact) is None
    )


def is_title_text(text: str) -> bool:
    """A complete title: ends with a kind of document (通知, 办法（试行）, 令) or reads
    "关于……的……"."""
    compact = _compact(text)
    return 6 <= len(compact) <= MAX_TITLE_CHARS and bool(
        _DOC_END.search(compact) or _ABOUT.search(compact)
    )


def _is_masthead(compact: str) -> bool:
    return (
        bool(compact)
        and ("公报" in compact or "期" in compact or "出版" in compact)
        and bool(_MASTHEAD.fullmatch(compact))
    )


def _repeated_edges(pages: list[list[str]]) -> set[str]:
    """Lines that open or close several pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = {_compact(t) for t in lines[:2] + lines[-2:]}
        counts.update(e for e in edges if e)
    least = max(3, (len(pages) + 1) // 2)
    return {text for text, n in counts.items() if n >= least and date_line(text) is None}


def _content_lines(pages: list[PageText]) -> list[_Line]:
    per_page = [split_lines(p.text) for p in pages]
    repeated = _repeated_edges([[line.text for line in lines] for lines in per_page])
    result: list[_Line] = []
    for page, lines in zip(pages, per_page, strict=True):
        compacts = [_compact(line.text) for line in lines]
        if any(c in _TOC_HEADING for c in compacts[:4]):
            continue  # the table of contents: front matter
        first = True
        for i, (line, compact) in enumerate(zip(lines, compacts, strict=True)):
            at_edge = i < 2 or i >= len(lines) - 2
            if compact in repeated or (at_edge and _is_masthead(compact)):
                continue
            if _TOC_LINE.search(line.text):
                continue
            result.append(_Line(line, compact, page.number, first))
            first = False
    return result


def _title_at(lines: list[_Line], i: int, after_section: bool) -> int:
    """The number of lines of a title starting at line i (0 when there is none)."""
    for size in range(1, MAX_TITLE_LINES + 1):
        block = lines[i : i + size]
        if len(block) < size or not all(is_titleish(line.text) for line in block):
            return 0
        if any(line.page != block[0].page for line in block):
            return 0
        if not is_title_text("".join(line.compact for line in block)):
            continue
        if _confirmed(lines, i, i + size, after_section):
            return size
    return 0


def _confirmed(lines: list[_Line], start: int, end: int, after_section: bool) -> bool:
    before = lines[start - 1] if start > 0 else None
    following = lines[end : end + 2]
    if before is not None and doc_number_of_line(before.text):
        return True
    for line in following:
        if doc_number_of_line(line.text) or _RECIPIENTS.match(line.compact):
            return True
    title = "".join(line.compact for line in lines[start:end])
    strong = "关于" in title or title.endswith(("令", "公告", "通告", "决定"))
    return strong and (lines[start].page_first or after_section)


def _doc_number(lines: list[_Line], start: int, end: int) -> tuple[str, set[int]]:
    """The 文号 just above the title or within two lines below it, and its line index."""
    candidates = [start - 1] if start > 0 else []
    candidates += [end, end + 1]
    for j in candidates:
        if 0 <= j < len(lines):
            number = doc_number_of_line(lines[j].text)
            if number:
                return normalize_doc_number(number) or number, {j}
    return "", set()


def split_pages(pages: list[PageText]) -> list[ProposedArticle]:
    """The articles found on the pages, in order (see the module doc)."""
    lines = _content_lines(pages)
    # Hard-wrapped text (PDF, scans): the line width of the whole issue tells paragraphs apart.
    width = full_width_of([line.line for line in lines])
    by_page = {p.number: p for p in pages}
    starts: list[tuple[int, int, str]] = []  # (first line, title lines, section)
    section, after_section, i = "", False, 0
    headings: set[int] = set()
    while i < len(lines):
        name = section_of(lines[i].text)
        if name:
            section, after_section = name, True
            headings.add(i)
            i += 1
            continue
        size = _title_at(lines, i, after_section)
        if size:
            starts.append((i, size, section))
            i += size
        else:
            i += 1
        after_section = False
    if not starts and lines:
        starts = [(0, 0, section)]  # no title found: one article for staff to split
    articles = []
    for k, (start, size, sect) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        doc_number, used = _doc_number(lines, start, start + size)
        used |= set(range(start, start + size))
        first = min(used) if used else start
        # A 文号 and section heading above the next title belong to the next article.
        while stop > start + size and (
            stop - 1 in headings or doc_number_of_line(lines[stop - 1].text)
        ):
            stop -= 1
        body_lines = [
            lines[j].line for j in range(first, stop) if j not in used and j not in headings
        ]
        block = lines[start : start + size]
        title = tidy("".join(line.compact for line in block), hard_wrapped=True)
        page_numbers = sorted({line.page for line in lines[first:stop] + block})
        body = [
            paragraph_text(group, hard_wrapped=width is not None)
            for group in group_paragraphs(body_lines, width)
        ]
        articles.append(_article(title, doc_number, sect, body, page_numbers, by_page))
    return articles


def _article(title, doc_number, section, body, page_numbers, by_page) -> ProposedArticle:
    ocr_pages = [by_page[n] for n in page_numbers if by_page[n].source == PageSource.OCR]
    confidences = [p.confidence for p in ocr_pages if p.confidence is not None]
    return ProposedArticle(
        title=title,
        doc_number=doc_number,
        section=section,
        body="\n".join(p for p in body if p),
        page_start=page_numbers[0] if page_numbers else 0,
        page_end=page_numbers[-1] if page_numbers else 0,
        source=PageSource.OCR if ocr_pages else PageSource.BORN_DIGITAL,
        confidence=round(sum(confidences) / len(confidences), 4) if confidences else None,
    )
