"""Every check that needs the whole demo (load_demo, the slowest fixture of the suite: about
90 s) lives in this module, which loads it ONCE: the module fixture loads the demo inside an
outer transaction, each test runs in a savepoint within it (pytest-django's usual per-test
rollback, nested), and the outer transaction is rolled back at the end. The module is one
xdist group (`--dist loadgroup`, Makefile) so that its tests share one worker and one load.

- load_demo is idempotent (a second run changes no count) and covers every role;
- every kind of public page makes at most ten SQL queries with a cold cache (issue 12): the
  home page, each column page, every list, a detail page of each kind, search and the
  statistics. Each page is requested once (process-level caches such as content types warm
  up, as in a running server), then the cache is cleared and the page requested again under
  the assertion. The requests use the site's own host, as visitors do;
- /sitemap.xml makes at most ten SQL queries with a cold cache, whatever the number of
  sections and of rows (issue 12.7), and no section goes N+1: over the whole demo, where every
  section has public rows, each section's own code makes no query (its rows come as
  SitemapRows, read for all sections in one query) and making the URLs of its rows makes none.
  The page gives the URLs and lastmods each section gives on its own."""

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from sunshine.kernel.accounts.models import RoleGrant, User
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.search.models import SearchDocument
from sunshine.portal import columns, sitemaps
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl
from sunshine.testing.factories import staff_with

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("whole_demo")]
MAX_QUERIES = 10


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_load_demo_is_idempotent_and_covers_every_role(demo_world):
    from sunshine.disclosure.records import indexing
    from sunshine.disclosure.records.models import DisclosureRecord

    counts = (Agency.objects.count(), User.objects.count(), RoleGrant.objects.count())
    records = (DisclosureRecord.objects.count(), SearchDocument.objects.count())
    assert records[0] >= 200 + 10 and records[1] >= 200
    call_command("load_demo", stdout=io.StringIO())
    assert (Agency.objects.count(), User.objects.count(), RoleGrant.objects.count()) == counts
    assert (DisclosureRecord.objects.count(), SearchDocument.objects.count()) == records
    # The 2016 阳光政务 notice is found first.
    seed = indexing.search_public("阳光政务").hits[0]
    assert seed.title.startswith("广东省人民政府办公厅关于推进<mark>阳光政务</mark>")
    assert seed.agency_name == "广东省人民政府办公厅" and seed.doc_number == "粤办函〔2016〕629号"
    record = DisclosureRecord.objects.get(pk=seed.object_id)
    assert record.date_written == dt.date(2016, 12, 12)
    assert record.recipients.startswith("各地级以上市")
    modes = set(DisclosureRecord.objects.values_list("disclosure_mode", "state"))
    assert {("on_request", "draft"), ("withheld", "submitted"), ("proactive", "draft")} <= modes
    public_ids = {
        str(pk)
        for pk in DisclosureRecord.objects.filter(state="published").values_list("pk", flat=True)
    }
    # other modules index their own public items (messages, service items, ...) beside records
    indexed = SearchDocument.objects.filter(doc_type="record").values_list("object_id", flat=True)
    assert set(indexed) == public_ids
    assert set(RoleGrant.objects.values_list("role", flat=True)) == set(Role.values)
    county = Agency.objects.get(name="仁化县人民政府")
    assert county.depth == 2 and county.parent.name == "韶关市人民政府"
    assert authenticate(username="drafter@demo.gd.gov.cn", password="Demo-2026!sun")
    assert verify_chain().ok


LISTS = [
    "/", "/zcwj/", "/zcjd/", "/gkml/", "/gb/", "/search/?q=阳光政务", "/search/?q=交通",
    "/zjyj/", "/hygk/", "/hdjl/ly/", "/hdjl/rd/", "/hdjl/tj/", "/hdjl/tj/?year=2025", "/hygz/",
    "/xwfbh/", "/hcp/", "/bsfw/", "/bsfw/search/?q=许可", "/bsfw/gr/", "/bsfw/fr/",
    "/ysqgk/gkdf/", "/ysqgk/", "/accessibility/",
]  # fmt: skip
# list page → the links of its detail pages
DETAILS = {
    "/zcwj/": r"/zcwj/\d+/",
    "/zcjd/": r"/zcjd/\d+/",
    "/gkml/": r"/gkml/\d+/",
    "/gb/": r"/gb/\d{4}/(?:\d+/)?",
    "/zjyj/": r"/zjyj/\d+/",
    "/hygk/": r"/hygk/\d+/",
    "/hdjl/ly/": r"/hdjl/ly/\d+/",
    "/hdjl/rd/": r"/hdjl/rd/\d+/",
    "/hygz/": r"/hygz/\d+/",
    "/xwfbh/": r"/xwfbh/\d+/",
    "/hcp/": r"/hcp/\d+/",
    "/bsfw/": r"/bsfw/sx/[^/\"]+/",
    "/bsfw/gr/": r"/bsfw/gr/[a-z-]+/",
    "/ysqgk/gkdf/": r"/ysqgk/gkdf/\d+/",
    "/ysqgk/": r"/ysqgk/\d+/",
}


def test_every_public_page_kind_makes_at_most_ten_queries_cold(
    demo_world, settings, django_assert_max_num_queries
):
    from sunshine.kernel.sites.resolver import site_for_host

    host = settings.SITE_DOMAIN
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
    client = Client(HTTP_HOST=host)
    assert columns.refresh_snapshots() > 0  # the periodic job
    slugs = [slug for slug, _name, _kind in site_for_host(host).columns]
    urls = LISTS + [f"/column/{slug}/" for slug in slugs]
    for list_url, pattern in DETAILS.items():
        page = client.get(list_url)
        assert page.status_code == 200, list_url
        urls += sorted(set(re.findall(pattern, page.content.decode())))[:2]
    measured = {}
    for url in urls:
        assert client.get(url).status_code == 200, url  # warm process-level caches
        cache.clear()
        with django_assert_max_num_queries(MAX_QUERIES, info=url) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        measured[url] = len(ctx)
    assert len(measured) >= 50  # the demo has every kind but 政策解读 details
    # The home page reads every column from the snapshots in one query.
    cache.clear()
    with django_assert_max_num_queries(5):
        client.get("/")


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
    demo_world, settings, django_assert_max_num_queries, django_assert_num_queries
):
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
