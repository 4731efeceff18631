"""The checks of the W3C feed validator (validator.w3.org/feed) that an Atom 1.0 document must
pass, as a test helper: well-formed UTF-8 XML in the Atom namespace; the feed has exactly one
id, title and updated, an author (or every entry has one), a rel="self" link; every entry has
exactly one id, title and updated, a link rel="alternate", a summary (no content here); ids are
absolute IRIs, unique among entries, tag: URIs well formed (RFC 4151); dates are RFC 3339 with
seconds and an offset; all hrefs are absolute."""

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[^\s]+$")


def _absolute(uri: str) -> bool:
    parts = urlsplit(uri)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return bool(parts.scheme)


def _one(element, name: str, where: str) -> ET.Element:
    found = element.findall(A + name)
    assert len(found) == 1, f"{where} must have exactly one <{name}>, has {len(found)}"
    return found[0]


def _date(element, name: str, where: str) -> str:
    text = _one(element, name, where).text or ""
    assert RFC3339.match(text), f"{where} <{name}> is not an RFC 3339 date-time: {text!r}"
    return text


def _id(element, where: str) -> str:
    value = (_one(element, "id", where).text or "").strip()
    assert _absolute(value), f"{where} id is not an absolute IRI: {value!r}"
    if value.startswith("tag:"):
        assert TAG_URI.match(value), f"{where} id is not a valid tag: URI: {value!r}"
    return value


def check_atom(data: bytes, *, self_url: str) -> ET.Element:
    """Assert every rule; return the parsed <feed>."""
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>'), data[:60]
    data.decode("utf-8")  # valid UTF-8
    root = ET.fromstring(data)
    assert root.tag == A + "feed", root.tag
    assert root.get(XML_LANG) == "zh-Hans"
    _id(root, "feed")
    assert (_one(root, "title", "feed").text or "").strip(), "empty feed title"
    _date(root, "updated", "feed")
    links = root.findall(A + "link")
    for link in links:
        assert _absolute(link.get("href", "")), f"relative link {link.get('href')!r}"
    selfs = [link for link in links if link.get("rel") == "self"]
    assert len(selfs) == 1 and selfs[0].get("href") == self_url, "missing or wrong self link"
    assert any(link.get("rel", "alternate") == "alternate" for link in links)
    feed_author = root.find(A + "author")
    if feed_author is not None:
        assert (feed_author.findtext(A + "name") or "").strip(), "feed author without name"
    ids = set()
    for index, entry in enumerate(root.findall(A + "entry")):
        where = f"entry {index}"
        entry_id = _id(entry, where)
        assert entry_id not in ids, f"duplicate entry id {entry_id}"
        ids.add(entry_id)
        assert (_one(entry, "title", where).text or "").strip(), f"{where}: empty title"
        _date(entry, "updated", where)
        if entry.find(A + "published") is not None:
            _date(entry, "published", where)
        alternates = [
            link
            for link in entry.findall(A + "link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert alternates, f"{where} has no alternate link"
        for link in entry.findall(A + "link"):
            assert _absolute(link.get("href", "")), f"{where}: relative link"
        if entry.find(A + "content") is None:
            _one(entry, "summary", where)
        if feed_author is None:
            assert entry.find(A + "author") is not None, f"{where} has no author"
    return root
