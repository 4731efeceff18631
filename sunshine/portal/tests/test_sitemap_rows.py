"""Sitemap sections that yield SitemapRows are read in one query (UNION ALL) whatever their
number, and give the same URLs and lastmods (types read back from text: integers, times with
their zone, text) as iterating each queryset (issue 12: /sitemap.xml made 21 queries cold)."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunshine.kernel.orgs.models import Agency
from sunshine.portal import sitemaps
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl
from sunshine.testing.factories import AgencyFactory

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NAMES = ("test_rows_people", "test_rows_agencies", "test_rows_again")


def _people_urls(pk, joined, email):
    assert isinstance(pk, int) and isinstance(email, str)
    assert joined.tzinfo is not None
    yield SitemapUrl(f"/people/{pk}/{email.split('@')[0]}/", lastmod=joined)
    yield SitemapUrl(f"/people/{pk}/more/")


def people(request):
    yield SitemapUrl("/people/", changefreq="daily")
    yield SitemapRows(
        get_user_model().objects.order_by("-pk").values_list("pk", "date_joined", "email"),
        _people_urls,
    )


def agencies(request):
    yield SitemapRows(Agency.objects.values_list("pk"), lambda pk: SitemapUrl(f"/a/{pk}/"))


def again(request):
    yield SitemapRows(
        Agency.objects.filter(parent__isnull=False).values_list("pk", "parent_id"),
        lambda pk, parent: SitemapUrl(f"/a/{parent}/{pk}/"),
    )


@pytest.fixture
def sections():
    yield
    for name in NAMES:
        if name in sitemaps.sitemap_sections():
            sitemaps.unregister_sitemap_section(name)


def locs(data: bytes) -> dict:
    root = ET.fromstring(data)
    return {u.findtext(SM + "loc"): u.findtext(SM + "lastmod") for u in root.findall(SM + "url")}


def _cold(client):
    client.get("/sitemap.xml")  # process-level caches (content types, site columns' code)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return locs(response.content), len(ctx)


def test_rows_of_every_section_in_one_query_with_the_same_urls(client, sections):
    root = AgencyFactory(name="甲市人民政府")
    child = AgencyFactory(name="甲市交通运输局", parent=root)
    users = [
        get_user_model().objects.create_user(email=f"u{i}@example.cn", password=None)
        for i in range(3)
    ]
    get_user_model().objects.filter(pk=users[0].pk).update(
        date_joined=dt.datetime(2026, 3, 1, 23, 30, 15, 123456, tzinfo=dt.UTC)
    )
    base, base_queries = _cold(client)
    sitemaps.register_sitemap_section("test_rows_people", people)
    with_one, one_queries = _cold(client)
    sitemaps.register_sitemap_section("test_rows_agencies", agencies)
    sitemaps.register_sitemap_section("test_rows_again", again)
    urls, queries = _cold(client)
    # Three sections more, one query in all (the rows of all sections are one UNION ALL).
    assert queries == one_queries <= base_queries + 1
    assert queries <= 10
    # The same URLs and lastmods as iterating the querysets.
    for u in get_user_model().objects.all():
        lastmod = urls[f"http://testserver/people/{u.pk}/{u.email.split('@')[0]}/"]
        assert dt.datetime.fromisoformat(lastmod) == u.date_joined.replace(microsecond=0)
        assert f"http://testserver/people/{u.pk}/more/" in urls
    assert urls["http://testserver/people/" + f"{users[0].pk}/u0/"] == "2026-03-02T07:30:15+08:00"
    for a in Agency.objects.all():
        assert f"http://testserver/a/{a.pk}/" in urls
    assert f"http://testserver/a/{root.pk}/{child.pk}/" in urls
    assert set(base) <= set(urls) and set(with_one) <= set(urls)


def test_a_broken_rows_section_leaves_the_others(client, sections):
    def broken(request):
        yield SitemapUrl("/broken/list/")
        yield SitemapRows(Agency.objects.values_list("pk"), lambda pk: 1 / 0)

    AgencyFactory(name="乙市人民政府")
    sitemaps.register_sitemap_section("test_rows_people", broken)
    sitemaps.register_sitemap_section("test_rows_agencies", agencies)
    urls = locs(client.get("/sitemap.xml").content)
    assert "http://testserver/broken/list/" not in urls  # the whole section is left out
    assert any(u.startswith("http://testserver/a/") for u in urls)


def test_section_urls_gives_one_sections_urls_on_its_own(rf):
    users = [
        get_user_model().objects.create_user(email=f"s{i}@example.cn", password=None)
        for i in range(2)
    ]
    urls = sitemaps.section_urls(people, rf.get("/"))
    locations = [u.location for u in urls]
    assert locations[0] == "/people/"
    for u in users:
        assert f"/people/{u.pk}/s{users.index(u)}/" in locations
        assert f"/people/{u.pk}/more/" in locations
    assert len(locations) == 1 + 2 * get_user_model().objects.count()
