"""/sitemap.xml makes at most ten SQL queries with a cold cache, whatever the number of sections
and of rows (issue 12.7: it made 17, one or more per section), and no section goes N+1: over
the whole demo, where every section has public rows, each section's own code makes no query
(its rows come as SitemapRows, read for all sections in one query) and making the URLs of its
rows makes none. The page gives the URLs and lastmods each section gives on its own.

load_demo is the slow part (about 90 s): one test."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from sunshine.portal import sitemaps
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl
from sunshine.testing.factories import staff_with

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Built-in sections of fixed pages: the home page and the site's columns (no rows).
FIXED = {"home", "columns"}


def _page(content: bytes) -> dict:
    root = ET.fromstring(content)
    return {u.findtext(SM + "loc"): u.findtext(SM + "lastmod") for u in root.findall(SM + "url")}


def _urls(made) -> list[SitemapUrl]:
    return [made] if isinstance(made, SitemapUrl) else list(made)


def _publish_what_the_demo_does_not():
    """The demo publishes no 差评整改 outcome and no 问责通报: one of each, by the services."""
    from sunshine.governance.accountability import services as accountability
    from sunshine.kernel.orgs.models import Agency
    from sunshine.kernel.ratings import services as ratings
    from sunshine.kernel.ratings.models import RectificationCase
    from sunshine.testing.factories.accountability import case_in, make_people

    case = RectificationCase.objects.filter(state="open").first()
    officer = staff_with("disclosure_officer", case.agency)
    ratings.record_callback(case=case, actor=officer, reached=True, note="已回访")
    ratings.verify_case(case=case, actor=officer, founded=True, note="情况属实")
    ratings.record_rectification(case=case, actor=officer, note="已增加窗口")
    ratings.publish_case_outcome(case=case, actor=officer, text="已增加周末窗口。")
    names = {
        "office": "广东省人民政府办公厅",
        "transport": "广东省交通运输厅",
        "city": "广州市人民政府",
    }
    people = make_people({k: Agency.objects.get(name=v) for k, v in names.items()})
    closed = case_in("closed", people, outcomes=("circulated_criticism",))
    accountability.publish(
        actor=people.supervisor, case=closed, summary="经查，该厅未按期答复网民留言，予以通报批评。"
    )


def test_sitemap_queries_stay_few_and_no_section_queries_per_row(
    settings, django_assert_max_num_queries, django_assert_num_queries
):
    call_command("load_demo", stdout=io.StringIO())
    _publish_what_the_demo_does_not()
    host = settings.SITE_DOMAIN
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
    client = Client(HTTP_HOST=host)
    warm = client.get("/sitemap.xml")  # process-level caches (content types, site columns)
    assert warm.status_code == 200
    request = warm.wsgi_request

    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES, info="/sitemap.xml cold"):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    shown = _page(response.content)

    expected: dict[str, str] = {}
    for name in sitemaps.sitemap_sections():
        section = sitemaps.sitemap_section(name)
        with django_assert_num_queries(0, info=f"section {name} queries on its own"):
            items = list(section(request))
        parts = [i for i in items if isinstance(i, SitemapRows)]
        if name not in FIXED:
            assert parts, f"section {name}: its pages per object come as SitemapRows"
        urls = [i for i in items if isinstance(i, SitemapUrl)]
        for part in parts:
            rows = list(part.queryset)
            assert rows, f"section {name}: the demo has public rows of it"
            with django_assert_num_queries(0, info=f"section {name} queries per row"):
                for row in rows:
                    urls += _urls(part.urls(*row))
        for url in urls:
            lastmod = sitemaps._lastmod(url.lastmod) or None
            expected.setdefault(request.build_absolute_uri(url.location), lastmod)
    assert shown == expected
    assert len(shown) > 100
