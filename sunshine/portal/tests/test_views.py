import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from sunshine.kernel.sites.resolver import STANDARD_COLUMNS, site_for_host
from sunshine.portal import columns
from sunshine.portal.columns import ColumnItem, register_column_provider, unregister_column_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


META_NAMES = [
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnType",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Author",
    "Description",
    "Url",
]


def test_home_links_every_column_and_shows_no_empty_block(client, settings):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for slug, name, _kind in STANDARD_COLUMNS:
        assert f'href="/column/{slug}/"' in html  # the navigation
        assert name in html
    # Nothing published: no 要闻, no lists, never "本栏目暂无内容"; the ways in stay.
    assert "本栏目暂无内容" not in html and "home-news" not in html
    assert "最新文件" not in html and "热门事项" not in html
    assert 'href="/bsfw/gr/"' in html and 'href="/hdjl/ly/write/"' in html
    for name in META_NAMES:
        assert f'<meta name="{name}"' in html
    assert f'<meta name="SiteIDCode" content="{settings.SITE_ID_CODE}">' in html
    for label in ["主办单位", "网站标识码", "ICP备案号", "公安备案号", "联系方式"]:
        assert label in html
    assert settings.SITE_ICP in html and settings.SITE_PSB in html


def test_home_shows_provider_items(client):
    def provider(request, limit):
        return [
            ColumnItem("关于印发<测试>的通知", "/doc/1/", None),
            {"title": "第二条", "url": "/doc/2/"},
        ]

    register_column_provider("zcwj", provider)
    try:
        html = client.get("/").content.decode()
    finally:
        unregister_column_provider("zcwj", provider)
    assert "关于印发&lt;测试&gt;的通知" in html  # escaped
    assert 'href="/doc/2/"' in html
    assert "最新文件" in html and "本栏目暂无内容" not in html


def test_home_query_budget(client, django_assert_max_num_queries):
    client.get("/")  # warm the caches
    with django_assert_max_num_queries(4):
        assert client.get("/").status_code == 200
    cache.clear()
    # Cold: the site, its columns, then one query per column provider (each feature feeds its
    # column with one query, checked below), never one per item.
    with django_assert_max_num_queries(4 + columns.provider_count()):
        assert client.get("/").status_code == 200


def test_every_column_provider_reads_its_items_in_one_query(rf, django_assert_max_num_queries):
    request = rf.get("/")
    request.user = AnonymousUser()
    request.site = site_for_host("testserver")  # the middleware's work, not the provider's
    for slug, provider in columns.column_providers():
        with django_assert_max_num_queries(1, info=f"{slug}: {provider.__module__}"):
            list(provider(request, 20))


def test_column_page_and_unknown_column(client):
    response = client.get(reverse("portal:column", args=["zcjd"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="ColumnName" content="政策解读">' in html
    assert "本栏目暂无内容" in html
    assert client.get("/column/nope/").status_code == 404


def test_elder_mode_toggles_and_sticks(client):
    response = client.get("/accessibility/elder/?on=1&next=/column/zcwj/")
    assert response.status_code == 302 and response["Location"] == "/column/zcwj/"
    assert client.cookies["elder"].value == "1"
    assert 'class="portal elder"' in client.get("/").content.decode()
    assert 'class="portal elder"' in client.get("/accessibility/").content.decode()
    client.post("/accessibility/elder/", {"on": "0", "next": "/"})
    assert 'class="portal"' in client.get("/").content.decode()


def test_elder_mode_refuses_foreign_redirects(client):
    response = client.get("/accessibility/elder/?on=1&next=https://evil.example/")
    assert response["Location"] == "/"


def test_english_via_set_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Policy Documents" in html
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "政策文件" in client.get("/").content.decode()


def test_accessibility_statement(client):
    response = client.get("/accessibility/")
    assert response.status_code == 200 and "无障碍声明" in response.content.decode()


def _token(html):
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_cached_page_gets_a_fresh_working_csrf_token_per_visitor():
    from django.test import Client

    tokens = []
    for _ in range(2):  # the second visitor is served from the page cache
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get("/")
        assert "csrftoken" in response.cookies
        token = _token(response.content.decode())
        assert "placeholder" not in token
        tokens.append(token)
        response = visitor.post(
            "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302
        assert '<html lang="en">' in visitor.get("/").content.decode()
    assert tokens[0] != tokens[1]


def test_signed_in_users_are_not_served_the_anonymous_page(client):
    from sunshine.testing.factories import CitizenFactory

    client.get("/")  # fill the anonymous cache
    citizen = CitizenFactory()
    client.force_login(citizen)
    html = client.get("/").content.decode()
    assert citizen.display_name in html and "/accounts/login/" not in html


def test_only_canonical_urls_are_page_cached(client):
    from sunshine.portal import pagecache

    def key(path):
        return pagecache.KEY.format(
            site="default", scheme="http", host="testserver", lang="zh-hans", elder="", path=path
        )

    client.get("/?utm=1")
    client.get("/column/zcwj/")
    assert cache.get(key("/")) is None  # a query string never fills the cache
    assert cache.get(key("/column/zcwj/")) is not None
