"""Every kind of public page makes at most ten SQL queries with a cold cache (issue 12): the
home page, each column page, every list, a detail page of each kind, search and the statistics.

One test over the whole demo (load_demo is the slowest fixture, about 90 s: loaded once). Each
page is requested once (process-level caches such as content types warm up, as in a running
server), then the cache is cleared and the page requested again under the assertion. The
requests use the site's own host, as visitors do."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from sunshine.portal import columns

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10

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
    settings, django_assert_max_num_queries
):
    from sunshine.kernel.sites.resolver import site_for_host

    call_command("load_demo", stdout=io.StringIO())
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
