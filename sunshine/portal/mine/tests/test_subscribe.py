"""订阅 (/dingyue/): every feed of the portal is on the page, each feed names the stylesheet, the
stylesheet is XSLT served from the site, and the e-mail subscription is double opt-in with the
typed input kept on a refusal."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import get_resolver, reverse

from sunshine.kernel.notify.models import Delivery, Subscription
from sunshine.portal.mine.subscribe import FEEDS

pytestmark = pytest.mark.django_db


def portal_feed_names() -> set[str]:
    names = get_resolver().reverse_dict.keys()
    portal = get_resolver().namespace_dict["portal"][1]
    return {n for n in portal.reverse_dict if isinstance(n, str) and n.endswith("_feed")} | {
        n for n in names if isinstance(n, str) and n.endswith("_feed")
    }


def test_every_portal_feed_is_listed_on_the_page(client):
    assert portal_feed_names() == {name for name, _label, _topic in FEEDS}
    html = client.get(reverse("portal:subscribe")).content.decode()
    for name, label, _topic in FEEDS:
        assert f'href="{reverse(f"portal:{name}")}"' in html
        assert str(label) in html


@pytest.mark.parametrize("name", [name for name, _label, _topic in FEEDS])
def test_each_feed_names_the_stylesheet_and_is_served_as_xml(client, name):
    response = client.get(reverse(f"portal:{name}"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    head = response.content[:300].decode(errors="ignore")
    pi = re.search(r"<\?xml-stylesheet ([^?]*)\?>", head)
    assert pi, head
    assert 'type="text/xsl"' in pi[1]
    assert f'href="{reverse("portal:feed_stylesheet")}"' in pi[1]
    assert head.index("<?xml-stylesheet") < head.index("<feed")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"


def test_the_stylesheet_is_xslt(client):
    response = client.get(reverse("portal:feed_stylesheet"))
    assert response["Content-Type"] == "text/xsl; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    assert reverse("portal:subscribe") in response.content.decode()


def test_a_bad_address_is_refused_and_what_was_typed_stays(client):
    response = client.post(
        reverse("portal:subscribe"), {"email": "zhao@example", "topic": "column.zcjd"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入有效的电子邮箱地址。" in html
    assert 'value="zhao@example"' in html
    assert re.search(r'<input[^>]*value="column.zcjd"[^>]*checked', html)
    assert not Subscription.objects.exists()


def test_subscribing_sends_only_a_confirmation_until_confirmed(client, mailoutbox):
    response = client.post(
        reverse("portal:subscribe"), {"email": "Zhao@Example.cn", "topic": "column.zcwj"}
    )
    assert response.status_code == 302
    sub = Subscription.objects.get()
    assert (sub.email, sub.topic, sub.confirmed) == ("zhao@example.cn", "column.zcwj", False)
    assert Delivery.objects.filter(address="zhao@example.cn").count() == 1
    html = client.get(response.url).content.decode()
    assert "确认邮件已发送到 zhao@example.cn" in html
