import datetime as dt

import pytest
from django.urls import reverse

from sunshine.governance.powers import services
from sunshine.testing.factories.powers import make_item
from sunshine.testing.factories.servicehall import make_item as published_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(gov):
    items = {
        "license": make_item(gov["editor"], gov["market"], service_code="GD-SJ-001"),
        "check": make_item(
            gov["editor"],
            gov["market"],
            code="JC-001",
            kind="inspection",
            name="食品生产经营监督检查",
            responsibility="检查责任：按照抽查计划开展检查",
        ),
        "penalty": make_item(
            gov["env_editor"], gov["env"], code="CF-001", kind="penalty", name="对超标排污的处罚"
        ),
        "future": make_item(
            gov["editor"],
            gov["market"],
            code="QL-009",
            name="尚未生效的事项",
            effective_from=dt.date.today() + dt.timedelta(days=30),
        ),
    }
    return items


def test_public_list_filters_and_search(client, listed, gov, django_assert_max_num_queries):
    url = reverse("portal:powers_list")
    with django_assert_max_num_queries(12):
        page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "食品经营许可" in text and "对超标排污的处罚" in text and "尚未生效的事项" not in text
    text = client.get(url, {"kind": "inspection"}).content.decode()
    assert "食品生产经营监督检查" in text and "对超标排污的处罚" not in text
    text = client.get(url, {"agency": gov["env"].pk}).content.decode()
    assert "对超标排污的处罚" in text and "食品经营许可" not in text
    text = client.get(url, {"q": "监督检查"}).content.decode()
    assert "食品生产经营监督检查" in text and "食品经营许可</a>" not in text
    assert client.get(url, {"agency": "x", "kind": "<b>"}).status_code == 200
    resp = client.get(reverse("portal:powers_responsibility")).content.decode()
    assert "检查责任：按照抽查计划开展检查" in resp


def test_detail_with_versions_and_service_link(client, listed, gov):
    item = listed["license"]
    services.revise_item(
        actor=gov["editor"],
        item=item,
        effective_from=dt.date.today() + dt.timedelta(days=10),
        name="食品经营许可（含备案）",
        note="依据新办法",
    )
    text = client.get(reverse("portal:powers_detail", args=[item.pk])).content.decode()
    assert "食品经营许可" in text and "食品经营许可（含备案）" in text  # both versions listed
    assert "GD-SJ-001" in text and "/bsfw/sx/" not in text  # no such published service item
    assert (
        client.get(reverse("portal:powers_detail", args=[listed["future"].pk])).status_code == 404
    )


def test_detail_links_published_service_item(client, gov):
    service = published_item(gov["market"], code="GD-SJ-002")
    item = make_item(gov["editor"], gov["market"], service_code=service.code)
    text = client.get(reverse("portal:powers_detail", args=[item.pk])).content.decode()
    assert reverse("portal:service_item_detail", args=[service.code]) in text


def test_sitemap_lists_items(client, listed):
    text = client.get("/sitemap.xml").content.decode()
    assert reverse("portal:powers_detail", args=[listed["check"].pk]) in text
