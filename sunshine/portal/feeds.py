"""Atom 1.0 feeds (RFC 4287) for the portal's columns, written so that they pass the W3C feed
validator: every feed has id, title, updated, author, a rel="alternate" link to the column page
and a rel="self" link to the feed; every entry has a stable id, title, updated, published, a link
and a summary; dates are RFC 3339 with the Asia/Shanghai offset; URIs are absolute; xml:lang is
zh-Hans; the document is UTF-8.

    from sunshine.portal.feeds import AtomEntry, AtomFeed, atom_response, tag_uri

    feed = AtomFeed(
        id=request.build_absolute_uri(list_path),           # or a tag: URI
        title="广东省人民政府 · 政策文件",
        alternate=request.build_absolute_uri(list_path),
        self_link=request.build_absolute_uri(request.path),
        author=site.sponsor,
        entries=[
            AtomEntry(
                id=tag_uri(site.host, record.date_published, f"zcwj/{record.pk}"),
                title=record.title,
                link=request.build_absolute_uri(detail_path),
                published=record.published_at, updated=record.updated_at,
                summary="...", author=record.issuer.name, categories=["综合政务"],
            ) for record in records
        ],
    )
    return atom_response(feed)

The feed's `updated` defaults to the newest entry's (or `fallback_updated`, or now when empty).
`atom_response` names the portal's XSLT stylesheet (/dingyue/atom.xsl) in an xml-stylesheet
processing instruction, so a browser shows the feed as a page; feed readers ignore it.
"""

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import XMLGenerator

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from sunshine.kernel import clock

ATOM_NS = "http://www.w3.org/2005/Atom"
# application/xml, not application/atom+xml: Chromium shows an atom+xml document as plain text
# and never applies its stylesheet; as XML it runs the XSLT (tried with Chromium 156). Feed
# readers read the root element <feed xmlns="http://www.w3.org/2005/Atom">, as they do for the
# many feeds served as application/xml; the pages still announce type="application/atom+xml".
CONTENT_TYPE = "application/xml; charset=utf-8"
# Characters XML 1.0 forbids (control characters other than tab, LF, CR): a record body pasted
# from Word can contain them, and one would make the whole feed unreadable.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class AtomEntry:
    id: str  # stable, absolute IRI (tag: URI recommended)
    title: str
    link: str  # absolute URL of the entry's page
    updated: dt.datetime | dt.date
    published: dt.datetime | dt.date | None = None
    summary: str = ""
    author: str = ""  # defaults to the feed's author
    categories: Sequence[str] = ()


@dataclass(frozen=True)
class AtomFeed:
    id: str
    title: str
    alternate: str  # absolute URL of the column page
    self_link: str  # absolute URL of the feed itself
    author: str
    entries: Sequence[AtomEntry] = field(default_factory=tuple)
    subtitle: str = ""
    lang: str = "zh-Hans"
    updated: dt.datetime | None = None
    fallback_updated: dt.datetime | None = None  # when there are no entries
    generator: str = "Sunshine"
    stylesheet: str = ""  # URL of an XSLT stylesheet for browsers (same origin)


def _check_absolute(uri: str, what: str) -> str:
    parts = urlsplit(uri)
    if not parts.scheme or (parts.scheme in ("http", "https") and not parts.netloc):
        raise ValueError(f"Atom {what} must be an absolute URI: {uri!r}")
    return uri


def as_datetime(value: dt.datetime | dt.date) -> dt.datetime:
    """An aware datetime in the current time zone (a date is its midnight there)."""
    if isinstance(value, dt.datetime):
        moment = value
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
    else:
        moment = timezone.make_aware(dt.datetime.combine(value, dt.time()))
    return timezone.localtime(moment)


def rfc3339(value: dt.datetime | dt.date) -> str:
    """2026-10-09T15:30:00+08:00 (RFC 3339 §5.6: seconds, explicit offset)."""
    return as_datetime(value).replace(microsecond=0).isoformat()


def tag_uri(host: str, day: dt.date | dt.datetime, specific: str) -> str:
    """A tag: URI (RFC 4151): tag:<host>,<YYYY-MM-DD>:<specific>. Stable as long as the host,
    the day (e.g. the first publication date) and the specific part never change."""
    authority = (urlsplit(f"//{host}").hostname or "").lower()
    if not authority:
        raise ValueError("a tag: URI needs a host name")
    if isinstance(day, dt.datetime):
        day = as_datetime(day).date()
    specific = quote(specific.lstrip("/"), safe="/-._~!$&'()*+,;=:@")
    return f"tag:{authority},{day:%Y-%m-%d}:{specific}"


def _clean(text: str) -> str:
    return _XML_FORBIDDEN.sub("", str(text or ""))


class _Writer:
    def __init__(self, out):
        self.xml = XMLGenerator(out, "utf-8", short_empty_elements=True)

    def start(self, name, attrs=None):
        self.xml.startElement(name, {k: _clean(v) for k, v in (attrs or {}).items()})

    def end(self, name):
        self.xml.endElement(name)

    def text(self, name, value, attrs=None):
        self.start(name, attrs)
        self.xml.characters(_clean(value))
        self.end(name)

    def empty(self, name, attrs):
        self.start(name, attrs)
        self.end(name)


def _author(w: _Writer, name: str) -> None:
    w.start("author")
    w.text("name", name)
    w.end("author")


def feed_updated(feed: AtomFeed) -> dt.datetime:
    if feed.updated is not None:
        return as_datetime(feed.updated)
    if feed.entries:
        return max(as_datetime(e.updated) for e in feed.entries)
    return as_datetime(feed.fallback_updated or clock.now())


def build_atom(feed: AtomFeed) -> bytes:
    """The feed document (UTF-8 bytes). Raises ValueError on a relative URI, a duplicate or
    empty entry id, an empty title or an empty feed author (the validator's errors)."""
    for uri, what in ((feed.id, "feed id"), (feed.alternate, "link"), (feed.self_link, "self")):
        _check_absolute(uri, what)
    if not feed.title.strip() or not feed.author.strip():
        raise ValueError("an Atom feed needs a title and an author")
    seen = set()
    for entry in feed.entries:
        _check_absolute(entry.id, "entry id")
        _check_absolute(entry.link, "entry link")
        if entry.id in seen:
            raise ValueError(f"duplicate Atom entry id {entry.id!r}")
        seen.add(entry.id)
    out = io.BytesIO()
    w = _Writer(out)
    w.xml.startDocument()
    if feed.stylesheet:
        href = _clean(feed.stylesheet).replace("&", "&amp;").replace('"', "&quot;")
        w.xml.processingInstruction("xml-stylesheet", f'type="text/xsl" href="{href}"')
    w.start("feed", {"xmlns": ATOM_NS, "xml:lang": feed.lang})
    w.text("id", feed.id)
    w.text("title", feed.title)
    if feed.subtitle:
        w.text("subtitle", feed.subtitle)
    w.text("updated", rfc3339(feed_updated(feed)))
    w.empty("link", {"rel": "alternate", "type": "text/html", "href": feed.alternate})
    w.empty("link", {"rel": "self", "type": "application/atom+xml", "href": feed.self_link})
    _author(w, feed.author)
    w.text("generator", feed.generator)
    for entry in feed.entries:
        w.start("entry")
        w.text("id", entry.id)
        w.text("title", entry.title or entry.id)
        w.text("updated", rfc3339(entry.updated))
        if entry.published is not None:
            w.text("published", rfc3339(entry.published))
        w.empty("link", {"rel": "alternate", "type": "text/html", "href": entry.link})
        if entry.author:
            _author(w, entry.author)
        for term in entry.categories:
            if term:
                w.empty("category", {"term": str(term)})
        w.text("summary", entry.summary or entry.title, {"type": "text"})
        w.end("entry")
    w.end("feed")
    w.xml.endDocument()
    return out.getvalue()


def atom_response(feed: AtomFeed) -> HttpResponse:
    if not feed.stylesheet:
        feed = replace(feed, stylesheet=reverse("portal:feed_stylesheet"))
    response = HttpResponse(build_atom(feed), content_type=CONTENT_TYPE)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def excerpt(text: str, length: int = 200) -> str:
    """The text on one line, cut at `length` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"
