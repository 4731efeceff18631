"""Each feature's own public list pages and feeds on a city's site (网站集群) show the city's
agency subtree only; the default (provincial) site shows the whole cluster."""

import pytest
from django.urls import reverse

from sunshine.testing.factories import interpretations as interp_factories
from sunshine.testing.factories import messages as message_factories
from sunshine.testing.factories.briefings import briefing
from sunshine.testing.factories.consultations import make_consultation
from sunshine.testing.factories.kernel import staff_with
from sunshine.testing.factories.meetings import open_meeting
from sunshine.testing.factories.servicehall import make_item
from sunshine.testing.fixtures import CLUSTER_HOSTS

pytestmark = pytest.mark.django_db

GD, GZ = CLUSTER_HOSTS["gd"], CLUSTER_HOSTS["gz"]  # the `cluster` fixture's sites


def page(client, url, host):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def move_to(item, agency):
    """The item as if its agency had made it (the factories make it in their own agency)."""
    type(item).objects.filter(pk=item.pk).update(agency=agency)


def assert_scoped(client, url, city_title, province_title):
    city_page = page(client, url, GZ)
    assert city_title in city_page
    assert province_title not in city_page
    provincial = page(client, url, GD)
    assert city_title in provincial and province_title in provincial


def test_record_list_on_a_city_site(client, cluster):
    records = cluster["records"]
    assert_scoped(
        client, reverse("portal:records_list"), records["city"].title, records["province"].title
    )
    # The county below the city belongs to the city's site too.
    assert records["county"].title in page(client, reverse("portal:records_list"), GZ)


def test_interpretation_list_and_feed_on_a_city_site(client, cluster, people):
    _, city_item = interp_factories.published_pair(people, title="广州市公交线网优化方案")
    _, province_item = interp_factories.published_pair(people, title="全省政务公开工作要点")
    move_to(city_item, cluster["city"])
    for name in ("portal:interpretations_list", "portal:interpretations_feed"):
        assert_scoped(client, reverse(name), city_item.title, province_item.title)


def test_message_list_on_a_city_site(client, cluster, messages_people):
    city_message = message_factories.answered(messages_people, subject="广州天河公交站台积水")
    province_message = message_factories.answered(messages_people, subject="全省高速服务区收费")
    move_to(city_message, cluster["city"])
    assert_scoped(
        client, reverse("portal:messages_list"), city_message.subject, province_message.subject
    )


def test_consultation_list_on_a_city_site(client, cluster):
    city_item = make_consultation(cluster["city"], title="广州市公共交通条例（征求意见稿）")
    province_item = make_consultation(cluster["office"], title="广东省政务公开规定（征求意见稿）")
    assert_scoped(client, reverse("portal:consultation_list"), city_item.title, province_item.title)


def test_service_item_lists_on_a_city_site(client, cluster):
    city_item = make_item(cluster["city"], name="广州市出租汽车驾驶员从业资格注册")
    province_item = make_item(cluster["transport"], name="省际道路旅客运输经营许可")
    for name in ("portal:service_hall", "portal:service_persons", "portal:service_enterprises"):
        assert_scoped(client, reverse(name), city_item.name, province_item.name)


def test_meeting_list_on_a_city_site(client, cluster):
    city, transport = cluster["city"], cluster["transport"]
    seats = {"public": 3, "expert": 2}
    city_item = open_meeting(
        staff_with("disclosure_officer", city), city, seats, title="广州地铁票价调整听证会"
    )
    province_item = open_meeting(
        staff_with("disclosure_officer", transport), transport, seats, title="全省高速收费听证会"
    )
    assert_scoped(client, reverse("portal:meetings_list"), city_item.title, province_item.title)


def test_briefing_list_on_a_city_site(client, cluster):
    city, transport = cluster["city"], cluster["transport"]
    city_item = briefing(
        staff_with("disclosure_officer", city), city, title="广州市一季度经济运行新闻发布会"
    )
    province_item = briefing(
        staff_with("disclosure_officer", transport), transport, title="全省交通运输新闻发布会"
    )
    assert_scoped(client, reverse("portal:briefings_list"), city_item.title, province_item.title)
