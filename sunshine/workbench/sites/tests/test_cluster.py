"""网站集群 for real: a city's site shows its agencies' content, the provincial site all of it
with 来源, a provincial policy pushed to the city's column, search on the site with a switch to
the whole cluster, per-site feed and sitemap, and the workbench pages that configure a site."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.sites.models import Column, SharedItem
from sunshine.testing.factories.kernel import staff_with
from sunshine.testing.fixtures import CLUSTER_HOSTS

GD, GZ = CLUSTER_HOSTS["gd"], CLUSTER_HOSTS["gz"]

pytestmark = pytest.mark.django_db


def get(client, path, host, **params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def titles(html, cluster):
    return {key for key, r in cluster["records"].items() if r.title in html}


def hits(html, cluster):
    """The records a search page found (titles there are cut by <mark>)."""
    found = set(re.findall(r'class="search-hit-title"><a href="([^"]+)"', html))
    return {key for key, r in cluster["records"].items() if f"/zcwj/{r.pk}/" in found}


def test_city_site_shows_only_its_agencies_records(client, cluster):
    home = get(client, "/", GZ)
    assert "广州市人民政府" in home
    assert titles(home, cluster) == {"city", "county"}
    column = get(client, reverse("portal:column", args=["zcwj"]), GZ)
    assert titles(column, cluster) == {"city", "county"}
    assert "来源：广州市天河区人民政府" in column


def test_a_city_home_costs_one_query_more_than_the_province(client, cluster):
    """Both cold (no stored lists for either site): the subtree is a subquery, not a query;
    the one more is the items pushed to the city's columns, read for all columns at once."""
    with CaptureQueriesContext(connection) as province:
        get(client, "/", GD)
    with CaptureQueriesContext(connection) as city:
        get(client, "/", GZ)
    assert len(city) == len(province) + 1, (len(city), len(province))


def test_provincial_site_shows_everything_with_its_source(client, cluster):
    home = get(client, "/", GD)
    assert titles(home, cluster) == {"province", "city", "county"}
    column = get(client, reverse("portal:column", args=["zcwj"]), GD)
    for source in ("广东省人民政府办公厅", "广州市人民政府", "广州市天河区人民政府"):
        assert f"来源：{source}" in column


def test_a_pushed_provincial_policy_appears_in_the_city_column(
    client, cluster, django_capture_on_commit_callbacks
):
    column_url = reverse("portal:column", args=["zcwj"])
    assert titles(get(client, column_url, GZ), cluster) == {"city", "county"}  # stored list
    officer = staff_with("disclosure_officer", cluster["root"])
    client.force_login(officer)
    record = cluster["records"]["province"]
    push_url = reverse("workbench:sites_push", args=[cluster["gd"].pk])
    page = get(client, push_url, "testserver")
    assert record.title in page and "广州市人民政府" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            push_url, {"record": record.pk, "sites": [cluster["gz"].pk], "column": "zcwj"}
        )
    assert response.status_code == 302
    shared = SharedItem.objects.get()
    assert (shared.site, shared.column_slug, shared.source_agency) == (
        cluster["gz"],
        "zcwj",
        cluster["office"],
    )
    assert AuditEvent.objects.filter(action="site.push").count() == 1
    page = get(client, push_url, "testserver")
    assert "推送记录" in page and "已将" in page and "撤回" in page
    # The stored list of the city's column was dropped: the policy shows at once, with 来源
    # (signed in: an anonymous visitor's whole-page copy may be up to a minute old).
    column = get(client, column_url, GZ)
    assert titles(column, cluster) == {"province", "city", "county"}
    assert "来源：广东省人民政府办公厅" in column
    assert record.title not in get(client, reverse("portal:records_feed"), GZ)  # not the city's
    # Pushing again changes nothing; withdrawing takes it off the city's column.
    client.post(push_url, {"record": record.pk, "sites": [cluster["gz"].pk], "column": "zcwj"})
    assert SharedItem.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workbench:sites_withdraw", args=[shared.pk]), follow=True)
    assert not SharedItem.objects.exists()
    assert titles(get(client, column_url, GZ), cluster) == {"city", "county"}


def test_push_refused_keeps_the_choice_and_needs_the_right(client, cluster):
    officer = staff_with("disclosure_officer", cluster["root"])
    client.force_login(officer)
    push_url = reverse("workbench:sites_push", args=[cluster["gd"].pk])
    record = cluster["records"]["province"]
    response = client.post(push_url, {"record": record.pk, "column": "zcwj"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "这个字段是必填项" in html or "必填" in html
    assert f'<option value="{record.pk}" selected>' in html  # the chosen record kept
    city_admin = staff_with("agency_admin", cluster["city"])
    client.force_login(city_admin)
    assert client.get(push_url).status_code == 403  # a city cannot push the province's pages


def test_search_on_the_city_site_with_a_switch_to_the_cluster(client, cluster):
    html = get(client, "/search/", GZ, q="通知")
    assert hits(html, cluster) == {"city", "county"}
    assert "本站：广州市人民政府" in html
    switch = re.search(r'href="/search/(\?[^"]*scope=all[^"]*)"', html)
    assert switch, "the switch to the whole cluster"
    everything = get(client, "/search/" + switch.group(1).replace("&amp;", "&"), GZ)
    assert hits(everything, cluster) == {"province", "city", "county"}
    assert "全部站点" in everything and 'value="通知"' in everything  # the query kept
    assert hits(get(client, "/search/", GD, q="通知"), cluster) == {"province", "city", "county"}


def test_feed_and_sitemap_per_site(client, cluster):
    feed = get(client, reverse("portal:records_feed"), GZ)
    assert titles(feed, cluster) == {"city", "county"}
    assert "广州市人民政府 · 政策文件" in feed and "来源：广州市天河区人民政府" in feed
    assert titles(get(client, reverse("portal:records_feed"), GD), cluster) == {
        "province",
        "city",
        "county",
    }
    paths = {k: f"/zcwj/{r.pk}/" for k, r in cluster["records"].items()}
    city_map = get(client, "/sitemap.xml", GZ)
    assert {k for k, p in paths.items() if p in city_map} == {"city", "county"}
    assert "http://www.gz.gov.cn/" in city_map
    province_map = get(client, "/sitemap.xml", GD)
    assert {k for k, p in paths.items() if p in province_map} == {"province", "city", "county"}


def test_site_admin_scope(client, cluster):
    city_admin = staff_with("agency_admin", cluster["city"])
    client.force_login(city_admin)
    listing = get(client, reverse("workbench:sites_list"), "testserver")
    assert "广州市人民政府" in listing and "www.gd.gov.cn" not in listing
    assert client.get(reverse("workbench:sites_edit", args=[cluster["gd"].pk])).status_code == 403
    client.force_login(staff_with("agency_admin", cluster["transport"]))
    listing = get(client, reverse("workbench:sites_list"), "testserver")
    assert "没有可以管理的网站" in listing and "www.gz.gov.cn" not in listing
    general_office = staff_with("agency_admin", cluster["root"])
    client.force_login(general_office)
    listing = get(client, reverse("workbench:sites_list"), "testserver")
    assert "www.gd.gov.cn" in listing and "www.gz.gov.cn" in listing


def _columns_post(site, **changes):
    columns = list(site.columns.order_by("sort", "pk"))
    data = {"col-TOTAL_FORMS": len(columns), "col-INITIAL_FORMS": len(columns)}
    for i, c in enumerate(columns):
        row = {"slug": c.slug, "name": c.name, "sort": c.sort, "home_sort": c.home_sort}
        row["on_home"] = "on" if c.on_home else ""
        row.update(changes.get(c.slug, {}))
        data.update({f"col-{i}-{k}": v for k, v in row.items() if v != ""})
    return data


def test_city_admin_sets_the_home_columns_and_the_identity(
    client, cluster, django_capture_on_commit_callbacks
):
    gz = cluster["gz"]
    client.force_login(staff_with("agency_admin", cluster["city"]))
    home = get(client, "/", GZ)
    assert home.index('id="home-zwgk-title"') < home.index('id="home-hdjl-title"')
    # 互动交流 first, 政策文件 off the home page.
    data = _columns_post(gz, hdjl={"home_sort": 1}, zcwj={"on_home": ""})
    with django_capture_on_commit_callbacks(execute=True):  # the cached identity forgotten
        response = client.post(reverse("workbench:sites_columns", args=[gz.pk]), data)
    assert response.status_code == 302
    assert not Column.objects.get(site=gz, slug="zcwj").on_home
    client.logout()
    home = get(client, "/", GZ)
    assert home.index('id="home-hdjl-title"') < home.index('id="home-zwgk-title"')
    assert cluster["records"]["city"].title not in home  # 最新文件 (zcwj) is off
    assert get(client, "/", GD).index('id="home-zwgk-title"') < get(client, "/", GD).index(
        'id="home-hdjl-title"'
    )  # the other site keeps its order
    # Identity: an empty name is refused with what was typed kept.
    client.force_login(staff_with("agency_admin", cluster["city"]))
    edit_url = reverse("workbench:sites_edit", args=[gz.pk])
    typed = {"name": "", "id_code": "4401000099", "sponsor": "广州市政务服务数据管理局"}
    response = client.post(edit_url, typed)
    assert response.status_code == 400
    assert 'value="4401000099"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, {**typed, "name": "广州市人民政府门户网站"})
    assert response.status_code == 302
    home = get(client, "/", GZ)  # signed in: no whole-page copy (anonymous: up to a minute)
    assert "广州市人民政府门户网站" in home and "4401000099" in home


def test_messages_services_and_briefings_follow_the_site(client, cluster):
    from sunshine.testing.factories import briefings, messages, servicehall
    from sunshine.testing.factories.kernel import CitizenFactory

    citizen = CitizenFactory()
    for key in ("transport", "city"):
        agency = cluster[key]
        people = {"citizen": citizen, "transport": agency, "drafter": staff_with("drafter", agency)}
        messages.answered(people, subject=f"{agency.name}收到的留言")
        servicehall.make_item(agency, name=f"{agency.name}的办事事项")
        officer = staff_with("disclosure_officer", agency)
        briefings.briefing(officer, agency, title=f"{agency.name}新闻发布会")
    for slug, kind in (("hdjl", "收到的留言"), ("bsfw", "的办事事项"), ("xwfb", "新闻发布会")):
        url = reverse("portal:column", args=[slug])
        city = get(client, url, GZ)
        assert f"广州市人民政府{kind}" in city and f"广东省交通运输厅{kind}" not in city, slug
        province = get(client, url, GD)
        assert f"广州市人民政府{kind}" in province and f"广东省交通运输厅{kind}" in province
        assert "来源：广东省交通运输厅" in province and "来源：广州市人民政府" in province, slug
