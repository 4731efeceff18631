"""The 政策文件 Atom feed and the sitemap: valid by the rules of their validators, absolute
URLs, and never a record that is not public."""

import datetime as dt
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.portal import sitemaps
from sunshine.portal.feeds import AtomEntry, AtomFeed, build_atom, tag_uri
from sunshine.testing.factories.records import one_of_each, record_in, revise

from .feedcheck import A, check_atom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
FEED = "/zcwj/feed.atom"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def entries_by_title(root) -> dict:
    return {e.findtext(A + "title"): e for e in root.findall(A + "entry")}


def test_the_feed_is_valid_atom_with_public_records_only(client, people):
    records = one_of_each(people)
    second = record_in(
        "published", people, title="第二份 <公开> & 文件", doc_number="粤府办〔2026〕12号"
    )
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = check_atom(response.content, self_url="http://testserver/zcwj/feed.atom")
    entries = entries_by_title(root)
    assert set(entries) == {"公开的政策文件", "第二份 <公开> & 文件"}
    entry = entries["第二份 <公开> & 文件"]
    assert entry.findtext(A + "id") == (
        f"tag:www.gd.gov.cn,{second.date_published:%Y-%m-%d}:zcwj/{second.pk}"
    )
    link = entry.find(A + "link").get("href")
    assert link == f"http://testserver/zcwj/{second.pk}/"
    assert "粤府办〔2026〕12号" in entry.findtext(A + "summary")
    assert entry.find(A + "author").findtext(A + "name") == "广东省人民政府办公厅"
    assert entry.find(A + "category").get("term") == "综合政务"
    assert records["draft"].title not in response.content.decode()


def test_entry_ids_stay_and_updated_moves_when_a_record_is_revised(client, people):
    record = record_in("published", people, title="原标题")
    before = entries_by_title(check_atom(client.get(FEED).content, self_url=_self()))
    with clock.frozen(dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)):
        revise(record, people, title="新标题", change_note="改标题")
    from django.core.cache import cache

    cache.clear()  # the anonymous page cache keeps the feed for a minute
    after = entries_by_title(check_atom(client.get(FEED).content, self_url=_self()))
    assert after["新标题"].findtext(A + "id") == before["原标题"].findtext(A + "id")
    assert after["新标题"].findtext(A + "updated") >= before["原标题"].findtext(A + "updated")


def _self():
    return "http://testserver/zcwj/feed.atom"


def test_an_empty_feed_is_still_valid(client, db):
    root = check_atom(client.get(FEED).content, self_url=_self())
    assert root.findall(A + "entry") == []


def test_the_builder_refuses_what_the_validator_refuses():
    now = dt.datetime(2026, 10, 9, 15, 30, tzinfo=dt.UTC)
    good = dict(
        id="https://www.gd.gov.cn/zcwj/",
        title="政策文件",
        alternate="https://www.gd.gov.cn/zcwj/",
        self_link="https://www.gd.gov.cn/zcwj/feed.atom",
        author="广东省人民政府办公厅",
    )
    entry = AtomEntry(
        id=tag_uri("www.gd.gov.cn", now, "zcwj/1"),
        title="标题\x0b含控制字符",
        link="https://www.gd.gov.cn/zcwj/1/",
        updated=now,
        published=dt.date(2026, 10, 9),
    )
    data = build_atom(AtomFeed(**good, entries=[entry]))
    root = check_atom(data, self_url="https://www.gd.gov.cn/zcwj/feed.atom")
    assert root.find(A + "entry").findtext(A + "title") == "标题含控制字符"
    assert root.find(A + "entry").findtext(A + "updated") == "2026-10-09T23:30:00+08:00"
    assert root.find(A + "entry").findtext(A + "published") == "2026-10-09T00:00:00+08:00"
    with pytest.raises(ValueError):
        build_atom(AtomFeed(**{**good, "self_link": "/zcwj/feed.atom"}))
    with pytest.raises(ValueError):
        build_atom(AtomFeed(**good, entries=[entry, entry]))
    with pytest.raises(ValueError):
        build_atom(AtomFeed(**{**good, "author": " "}))
    assert tag_uri("WWW.GD.GOV.CN:8000", dt.date(2016, 12, 12), "/zcwj/5") == (
        "tag:www.gd.gov.cn,2016-12-12:zcwj/5"
    )


# --- sitemap.xml and robots.txt ----------------------------------------------------------


def locs(data: bytes, tag: str = "url") -> dict:
    root = ET.fromstring(data)
    return {u.findtext(SM + "loc"): u.findtext(SM + "lastmod") for u in root.findall(SM + tag)}


def test_the_sitemap_lists_home_columns_and_every_public_record(client, people):
    records = one_of_each(people)
    other = record_in("published", people, title="另一份")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    urls = locs(response.content)
    assert "http://testserver/" in urls
    assert "http://testserver/column/zcwj/" in urls and "http://testserver/column/zcjd/" in urls
    assert "http://testserver/zcwj/" in urls
    for record in (records["public"], other):
        lastmod = urls[f"http://testserver/zcwj/{record.pk}/"]
        dt.datetime.fromisoformat(lastmod)  # W3C datetime with offset
        assert lastmod.endswith("+08:00")
    for key, record in records.items():
        if key != "public":
            assert f"http://testserver/zcwj/{record.pk}/" not in urls, key
    assert all(u.startswith("http://testserver/") for u in urls)


def test_a_large_sitemap_becomes_an_index(client, people, monkeypatch):
    for n in range(3):
        record_in("published", people, title=f"文件{n}")
    monkeypatch.setattr(sitemaps, "MAX_URLS", 4)
    index = locs(client.get("/sitemap.xml").content, "sitemap")
    pages = sorted(index)
    assert len(pages) >= 3 and pages[0] == "http://testserver/sitemap-1.xml"
    seen = {}
    for page in pages:
        seen.update(locs(client.get(page.replace("http://testserver", "")).content))
    assert len(seen) <= 4 * len(pages)
    assert "http://testserver/" in seen
    assert client.get(f"/sitemap-{len(pages) + 1}.xml").status_code == 404


def test_sections_from_other_features_and_a_broken_one(client, db):
    sitemaps.register_sitemap_section("test-extra", lambda request: [("/zcjd/1/", None)])
    sitemaps.register_sitemap_section("test-broken", lambda request: 1 / 0)
    try:
        urls = locs(client.get("/sitemap.xml").content)
    finally:
        sitemaps.unregister_sitemap_section("test-extra")
        sitemaps.unregister_sitemap_section("test-broken")
    assert "http://testserver/zcjd/1/" in urls and "http://testserver/" in urls


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /workbench/" in text
    assert reverse("portal:sitemap") == "/sitemap.xml"
