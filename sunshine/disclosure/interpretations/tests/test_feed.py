"""The Atom feed of 政策解读, checked against the rules of RFC 4287 that the W3C feed
validator applies (required elements, one of each where the RFC says so, RFC 3339 dates,
absolute IRIs, tag: URIs, unique entry ids, rel="self" pointing at the feed itself)."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
from django.core.cache import cache

from sunshine.kernel import clock
from sunshine.testing.factories.interpretations import interpretation, publish, published_pair
from sunshine.testing.factories.records import record_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED = "/zcjd/feed.atom"
# RFC 3339 date-time (RFC 4287 §3.3): upper-case T and Z, seconds required.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# RFC 4151: tag:<authority>,<YYYY[-MM[-DD]]>:<specific>
TAG = re.compile(
    r"^tag:(?:[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
    r"|[^@\s]+@[a-z0-9.-]+),\d{4}(-\d{2}(-\d{2})?)?:[\x21-\x7e]*$",
    re.I,
)


def is_absolute_iri(value: str) -> bool:
    parts = urlparse(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("tag", "urn"))


def one(parent, name):
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"exactly one atom:{name} in {parent.tag}, found {len(found)}"
    return found[0]


def check_person(person):
    assert one(person, "name").text.strip()


def check_text(element):
    assert element.get("type", "text") in ("text", "html", "xhtml")
    assert (element.text or "").strip()


def validate_atom(xml: bytes, *, location: str) -> ET.Element:
    """Raise AssertionError where the document breaks RFC 4287 (as the W3C validator does)."""
    assert xml.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(xml)
    assert root.tag == ATOM + "feed"
    assert root.get(XML_LANG)
    feed_id = one(root, "id").text
    assert is_absolute_iri(feed_id)
    check_text(one(root, "title"))
    assert RFC3339.match(one(root, "updated").text)
    links = root.findall(ATOM + "link")
    self_links = [link for link in links if link.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href") == location
    alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
    assert len(alternates) <= 1 or len(
        {(a.get("type"), a.get("hreflang")) for a in alternates}
    ) == len(alternates)
    for link in links:
        assert is_absolute_iri(link.get("href"))
    entries = root.findall(ATOM + "entry")
    feed_authors = root.findall(ATOM + "author")
    for author in feed_authors:
        check_person(author)
    ids = []
    for entry in entries:
        entry_id = one(entry, "id").text
        assert is_absolute_iri(entry_id)
        assert entry_id.startswith(("tag:", "urn:"))
        if entry_id.startswith("tag:"):
            assert TAG.match(entry_id), entry_id
        ids.append(entry_id)
        check_text(one(entry, "title"))
        updated = one(entry, "updated").text
        assert RFC3339.match(updated)
        for published in entry.findall(ATOM + "published"):
            assert RFC3339.match(published.text)
            assert dt.datetime.fromisoformat(published.text) <= dt.datetime.fromisoformat(updated)
        entry_links = entry.findall(ATOM + "link")
        assert [link.get("rel", "alternate") for link in entry_links].count("alternate") == 1
        for link in entry_links:
            assert is_absolute_iri(link.get("href"))
        # No atom:content, so an alternate link and a summary are required (§4.1.1.1, §4.1.2).
        assert not entry.findall(ATOM + "content")
        check_text(one(entry, "summary"))
        assert entry.findall(ATOM + "author") or feed_authors  # §4.1.1
        for author in entry.findall(ATOM + "author"):
            check_person(author)
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    if entries:
        newest = max(dt.datetime.fromisoformat(one(e, "updated").text) for e in entries)
        assert dt.datetime.fromisoformat(one(root, "updated").text) == newest
    return root


def test_feed_is_valid_atom(client, people):
    with clock.frozen(dt.datetime(2026, 10, 9, 10, 0)):
        record, first = published_pair(people, kind="graphic")
    with clock.frozen(dt.datetime(2026, 10, 20, 16, 30)):
        _r, second = published_pair(people, title="关于印发《广东省政务公开办法》的通知")
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = validate_atom(response.content, location="http://testserver/zcjd/feed.atom")
    entries = root.findall(ATOM + "entry")
    assert [one(e, "title").text for e in entries] == [second.title, first.title]
    newest = entries[0]
    assert one(newest, "id").text == f"tag:www.gd.gov.cn,2026-10-20:/zcjd/{second.pk}/"
    assert one(root, "updated").text == "2026-10-20T16:30:00+08:00"
    link = newest.find(ATOM + "link")
    assert link.get("href") == f"http://testserver/zcjd/{second.pk}/"
    assert one(one(newest, "author"), "name").text == "广东省人民政府办公厅"
    assert one(root, "id").text == "http://testserver/zcjd/"


def test_empty_feed_is_valid_too(client, db):
    validate_atom(client.get(FEED).content, location="http://testserver/zcjd/feed.atom")


def test_entry_ids_do_not_change(client, people):
    with clock.frozen(dt.datetime(2026, 10, 9, 10, 0)):
        _r, item = published_pair(people)
    first = ET.fromstring(client.get(FEED).content).find(f"{ATOM}entry/{ATOM}id").text
    record = record_in("signed_off", people, needs_interpretation=True)
    interpretation(people, record, ready=True)
    publish(record, people["approver"])
    cache.clear()
    ids = [e.text for e in ET.fromstring(client.get(FEED).content).iter(ATOM + "id")]
    assert first in ids and len(ids) == 3  # the feed's own id and two entries


def test_validator_catches_broken_feeds(client, people):
    """The checker itself fails on what the W3C validator rejects."""
    published_pair(people)
    good = client.get(FEED).content
    broken = [
        re.sub(rb"<id>tag:[^<]+</id>", b"<id>not a uri</id>", good),
        re.sub(rb"<updated>[^<]+</updated>", b"<updated>2026-10-09</updated>", good, count=1),
        good.replace(b'rel="self"', b'rel="related"'),
        re.sub(rb"<summary[^>]*>[^<]*</summary>", b"", good),
    ]
    for document in broken:
        with pytest.raises(AssertionError):
            validate_atom(document, location="http://testserver/zcjd/feed.atom")
