"""我的订阅: change how and when, refuse with the choices kept, 退订 and 恢复, only one's own."""

import pytest
from django.urls import reverse

from sunshine.kernel.notify.follow import follow
from sunshine.testing.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def test_a_citizen_changes_frequency_channel_and_unsubscribes(
    client, django_assert_max_num_queries
):
    me = CitizenFactory(email="li@example.cn")
    sub = follow(user=me, topic="column.zcwj", label="政策文件")
    follow(user=me, topic="dataset.4", label="公交线路数据")
    other = follow(user=CitizenFactory(), topic="column.zcwj", label="政策文件")
    client.force_login(me)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("portal:mine_subscriptions")).content.decode()
    assert "政策文件" in html and "公交线路数据" in html
    url = reverse("portal:mine_subscription_change", args=[sub.pk])
    response = client.post(
        url, {"channel": "inbox", "frequency": "daily", "digest_hour": "18", "digest_weekday": "0"}
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert (sub.channel, sub.frequency, sub.digest_hour) == ("inbox", "daily", 18)

    refused = client.post(
        url, {"channel": "inbox", "frequency": "weekly", "digest_hour": "25", "digest_weekday": "4"}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "发送时间应在0到23点之间" in page
    assert '<option value="weekly" selected>' in page  # the choice as sent is kept
    assert '<option value="4" selected>' in page
    sub.refresh_from_db()
    assert sub.frequency == "daily"

    client.post(url, {"action": "unsubscribe", "channel": "inbox", "frequency": "daily",
                      "digest_hour": "18", "digest_weekday": "0"})  # fmt: skip
    sub.refresh_from_db()
    assert not sub.enabled and sub.unsubscribed_at is not None
    assert "恢复接收" in client.get(reverse("portal:mine_subscriptions")).content.decode()
    client.post(url, {"action": "resume", "channel": "inbox", "frequency": "daily",
                      "digest_hour": "18", "digest_weekday": "0"})  # fmt: skip
    sub.refresh_from_db()
    assert sub.enabled and sub.unsubscribed_at is None

    theirs = reverse("portal:mine_subscription_change", args=[other.pk])
    assert client.post(theirs, {"action": "unsubscribe"}).status_code == 404
