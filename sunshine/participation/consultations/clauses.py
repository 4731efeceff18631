"""Splitting a draft into addressable clauses.

A draft written as articles (第一条 ... 第X条, optionally under 第X章 / 第X节 headings) gives one
clause per article, each with its chapter; the lines after an article (款, 项) belong to it. Text
before the first article (the draft's own title is dropped) becomes 序言 when there is any.
A draft without articles gives one clause per paragraph (第1段, 第2段 ...)."""

import re
from dataclasses import dataclass

_NUM = r"[零〇一二三四五六七八九十百千两\d]+"
ARTICLE_RE = re.compile(rf"^\s*(第{_NUM}条)[\s　]*(.*)$")
CHAPTER_RE = re.compile(rf"^\s*(第{_NUM}[章编])(?:[\s　]+(.*))?$")
SECTION_RE = re.compile(rf"^\s*(第{_NUM}节)(?:[\s　]+(.*))?$")
_TITLE_HINT = re.compile(r"(征求意见稿|送审稿|草案)[）)]?\s*$")


@dataclass(frozen=True)
class ParsedClause:
    position: int
    label: str
    chapter: str
    text: str


def _heading(match) -> str:
    rest = (match.group(2) or "").strip()
    return f"{match.group(1)} {rest}".strip()


def parse_clauses(draft_text: str, *, title: str = "") -> list[ParsedClause]:
    lines = [ln.strip() for ln in (draft_text or "").replace("\r\n", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        return []
    if any(ARTICLE_RE.match(ln) for ln in lines):
        return _by_article(lines, title=title)
    return [
        ParsedClause(position=i, label=f"第{i}段", chapter="", text=line)
        for i, line in enumerate(lines, start=1)
    ]


def _by_article(lines: list[str], *, title: str) -> list[ParsedClause]:
    out: list[ParsedClause] = []
    preamble: list[str] = []
    chapter = section = ""
    current: dict | None = None

    def flush():
        if current is not None:
            out.append(
                ParsedClause(
                    position=len(out) + 1,
                    label=current["label"],
                    chapter=current["chapter"],
                    text="\n".join(current["lines"]),
                )
            )

    for index, line in enumerate(lines):
        if m := CHAPTER_RE.match(line):
            flush()
            current = None
            chapter, section = _heading(m), ""
            continue
        if m := SECTION_RE.match(line):
            flush()
            current = None
            section = _heading(m)
            continue
        if m := ARTICLE_RE.match(line):
            flush()
            where = " ".join(p for p in (chapter, section) if p)
            body = (m.group(2) or "").strip()
            current = {"label": m.group(1), "chapter": where, "lines": [body] if body else []}
            continue
        if current is not None:
            current["lines"].append(line)
        elif index == 0 and (line == title.strip() or _TITLE_HINT.search(line)):
            continue  # the draft's own title
        else:
            preamble.append(line)
    flush()
    if preamble:
        intro = ParsedClause(position=1, label="序言", chapter="", text="\n".join(preamble))
        out = [intro] + [ParsedClause(c.position + 1, c.label, c.chapter, c.text) for c in out]
    return out
