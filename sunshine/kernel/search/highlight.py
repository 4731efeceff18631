"""Highlighting in Python, the same on both databases: the words of the query are found in
the stored title and body (case-insensitive, full- and half-width letters alike), the text
is HTML-escaped and the matches wrapped in <mark>. The result is safe to render as is."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_WIDTH = 120
_LEAD = 20  # characters shown before the first match of the snippet window
_MAX_MATCHES = 400


def _char_class(ch: str) -> str:
    """A character and its other forms: a/A/ａ/Ａ for letters and digits."""
    if ch.isascii() and ch.isalnum():
        forms = {ch.lower(), ch.upper()}
        forms |= {chr(ord(f) + 0xFEE0) for f in list(forms)}  # full-width forms
        return "[" + "".join(sorted(forms)) + "]"
    return re.escape(ch)


@lru_cache(maxsize=1024)
def matcher(words: tuple[str, ...]) -> re.Pattern | None:
    """One regular expression for all words, longest first (so 阳光政务 wins over 阳光)."""
    unique = sorted({w for w in words if w}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join("".join(_char_class(c) for c in w) for w in unique))


def _marked(text: str, rx: re.Pattern | None) -> str:
    if rx is None:
        return escape(text)
    out, last = [], 0
    for m in rx.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text: str, rx: re.Pattern | None) -> SafeString:
    return mark_safe(_marked(text, rx))


def snippet(text: str, rx: re.Pattern | None, width: int = SNIPPET_WIDTH) -> SafeString:
    """The passage of `width` characters with the most distinct matching words (the start of
    the text when nothing matches), escaped, with <mark>s and ellipses."""
    text = " ".join(text.split())  # paragraphs and hard line breaks become spaces
    if not text:
        return mark_safe("")
    start = 0
    if rx is not None:
        matches = []
        for m in rx.finditer(text):
            matches.append((m.start(), m.group().lower()))
            if len(matches) >= _MAX_MATCHES:
                break
        # Sliding window over the matches: the window holding the most distinct words.
        counts: dict[str, int] = {}
        best, j = 0, 0
        for i, (position, _) in enumerate(matches):
            while j < len(matches) and matches[j][0] < position + width - _LEAD:
                counts[matches[j][1]] = counts.get(matches[j][1], 0) + 1
                j += 1
            if len(counts) > best:
                best, start = len(counts), max(0, position - _LEAD)
            word = matches[i][1]
            counts[word] -= 1
            if not counts[word]:
                del counts[word]
    end = min(len(text), start + width)
    if end - start < width:
        start = max(0, end - width)
    passage = _marked(text[start:end], rx)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + passage + suffix)
