"""Sensitive-word, spam and markup checks for text written by the public.

    result = check_text(body, author=user, kind="consultation_comment")
    if not result.ok:
        raise ValidationError({"body": result.reasons})

`check_text` is what a service calls once per submission, inside its transaction. When the text
passes and an author is given, the post is remembered (in the cache, after the transaction
commits, so a refused or rolled-back submission does not count) for the duplicate and rate
checks of the author's next posts. Call it once per submission (in the service, not also in the
form), or pass `record=False` and call `record_post` yourself.

Settings (all optional):
- MODERATION_WORDLIST_FILES: list of word-list files (default: data/sensitive_words.txt here)
- MODERATION_SENSITIVE_WORDS: extra words
- MODERATION_ALLOWED_WORDS: words never reported (exemptions from the files)
- MODERATION_MAX_LINKS (2), MODERATION_REPEAT_RUN (8: a unit of 1–4 characters repeated this
  many times in a row), MODERATION_DUPLICATE_MINUTES (30), MODERATION_MAX_POSTS_PER_HOUR (20)
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock

DEFAULT_WORDLIST = Path(__file__).resolve().parent / "data" / "sensitive_words.txt"

# Tags (<b>, </div>, <img src=...>, <br/>), comments and declarations (<!-- , <!DOCTYPE, <?xml),
# and script URLs. Checked on the NFKC form, so full-width ＜script＞ is caught too.
_MARKUP_RE = re.compile(
    r"<\s*/?\s*[a-z][a-z0-9-]*(\s[^<>]*)?/?\s*>"
    r"|<!--|<!\[cdata\[|<![a-z]|<\?[a-z]"
    r"|javascript\s*:|vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
_LINK_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|xyz|vip|cc|info|biz|club|site|app)\b",
    re.IGNORECASE,
)
_SEPARATORS_RE = re.compile(r"[\W_]+", re.UNICODE)


@dataclasses.dataclass(frozen=True)
class ModerationResult:
    """The outcome of `check_text`. `reasons` are Chinese sentences shown to the author."""

    ok: bool
    reasons: list[str] = dataclasses.field(default_factory=list)
    sensitive_words: list[str] = dataclasses.field(default_factory=list)
    is_spam: bool = False
    has_markup: bool = False
    spam_signals: list[str] = dataclasses.field(default_factory=list)  # links/repeat/dup/rate

    def as_dict(self) -> dict:
        """JSON form, for storing the result on the moderated object."""
        return dataclasses.asdict(self)


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def _compact(text: str) -> str:
    """Letters and digits only: 傻 逼 / 傻.逼 / 傻_逼 all become 傻逼."""
    return _SEPARATORS_RE.sub("", _normalize(text))


def contains_markup(text: str) -> bool:
    """True when a plain-text field holds HTML tags, comments or a script URL."""
    return bool(_MARKUP_RE.search(_normalize(text)))


@lru_cache(maxsize=8)
def _word_table(
    files: tuple[str, ...], extra: tuple[str, ...], allowed: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """(compact form, word as listed) for every sensitive word, longest first."""
    words: list[str] = []
    for name in files:
        with open(name, encoding="utf-8") as fh:
            words.extend(ln.strip() for ln in fh if ln.strip() and not ln.lstrip().startswith("#"))
    words.extend(w.strip() for w in extra if w and w.strip())
    exempt = {_compact(w) for w in allowed}
    table: dict[str, str] = {}
    for word in words:
        key = _compact(word)
        if key and key not in exempt:
            table.setdefault(key, word)
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


def sensitive_words() -> list[str]:
    """The words in force (files + settings − exemptions), as listed."""
    return [word for _key, word in _current_table()]


def _current_table() -> tuple[tuple[str, str], ...]:
    files = getattr(settings, "MODERATION_WORDLIST_FILES", None) or [DEFAULT_WORDLIST]
    return _word_table(
        tuple(str(f) for f in files),
        tuple(getattr(settings, "MODERATION_SENSITIVE_WORDS", ()) or ()),
        tuple(getattr(settings, "MODERATION_ALLOWED_WORDS", ()) or ()),
    )


def find_sensitive_words(text: str) -> list[str]:
    """The listed words found in the text (ignoring case, width, spaces and punctuation)."""
    compact = _compact(text)
    found: list[str] = []
    covered: list[str] = []
    for key, word in _current_table():
        if key in compact and not any(key in longer for longer in covered):
            found.append(word)
            covered.append(key)
    return found


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _has_repeat_run(text: str) -> bool:
    run = max(_setting("MODERATION_REPEAT_RUN", 8), 2)
    # A unit of 1–4 characters (not spaces) repeated `run` times in a row: 顶顶顶顶顶顶顶顶,
    # 哈哈哈哈…, !!!!!!!!, abcabcabc...
    # Digits are left alone (13800000000, 100000000元).
    pattern = r"(\S{1,4}?)\1{" + str(run - 1) + ",}"
    return any(not m.group(1).isdigit() for m in re.finditer(pattern, _normalize(text)))


def _digest(text: str) -> str:
    return hashlib.sha256(_compact(text).encode("utf-8")).hexdigest()[:32]


def _history_key(author, kind: str) -> str:
    return f"moderation:posts:{author.pk}:{kind or '-'}"


def _history(author, kind: str) -> list[tuple[float, str]]:
    keep = max(_setting("MODERATION_DUPLICATE_MINUTES", 30) * 60, 3600)
    cutoff = clock.now().timestamp() - keep
    return [(t, d) for t, d in cache.get(_history_key(author, kind), []) if t >= cutoff]


def record_post(text: str, *, author, kind: str = "") -> None:
    """Remember an accepted post for the duplicate and rate checks (check_text does this on
    commit unless record=False)."""
    if author is None or not getattr(author, "pk", None):
        return
    items = _history(author, kind)
    items.append((clock.now().timestamp(), _digest(text)))
    cache.set(_history_key(author, kind), items[-500:], timeout=24 * 3600)


def check_text(
    text: str,
    *,
    author=None,
    kind: str = "",
    record: bool = True,
    max_length: int | None = None,
) -> ModerationResult:
    """Check a plain text written by `author` (a user or None) for a `kind` of post
    ("consultation_comment", "message", ...). Returns a ModerationResult; `.ok` is False when any
    check fails, with the reasons in Chinese."""
    text = text or ""
    reasons: list[str] = []
    signals: list[str] = []

    if max_length is not None and len(text) > max_length:
        reasons.append(
            _("内容过长：最多%(max)d个字，当前%(count)d个字。")
            % {"max": max_length, "count": len(text)}
        )

    markup = contains_markup(text)
    if markup:
        reasons.append(_("内容不能包含HTML标记或脚本代码（如尖括号标签），请删除后再提交。"))

    words = find_sensitive_words(text)
    if words:
        reasons.append(
            _("内容包含不文明用语或违规广告词：%(words)s。请修改后再提交。")
            % {"words": "、".join(words)}
        )

    max_links = _setting("MODERATION_MAX_LINKS", 2)
    links = _LINK_RE.findall(_normalize(text))
    if len(links) > max_links:
        signals.append("links")
        reasons.append(_("内容包含的网址过多（最多%(max)d个），疑似广告。") % {"max": max_links})

    if _has_repeat_run(text):
        signals.append("repeat")
        reasons.append(_("内容包含大量重复字符，请修改后再提交。"))

    real_author = author is not None and getattr(author, "pk", None)
    if real_author:
        now = clock.now().timestamp()
        items = _history(author, kind)
        digest = _digest(text)
        window = _setting("MODERATION_DUPLICATE_MINUTES", 30) * 60
        if digest and any(d == digest and now - t <= window for t, d in items):
            signals.append("duplicate")
            reasons.append(_("您刚刚提交过相同的内容，请勿重复提交。"))
        per_hour = _setting("MODERATION_MAX_POSTS_PER_HOUR", 20)
        if sum(1 for t, _d in items if now - t <= 3600) >= per_hour:
            signals.append("rate")
            reasons.append(
                _("您提交得过于频繁（每小时最多%(max)d条），请稍后再试。") % {"max": per_hour}
            )

    result = ModerationResult(
        ok=not reasons,
        reasons=reasons,
        sensitive_words=words,
        is_spam=bool(signals),
        has_markup=markup,
        spam_signals=signals,
    )
    if result.ok and record and real_author:
        transaction.on_commit(lambda: record_post(text, author=author, kind=kind))
    return result
