"""订阅与推送 on the workbench: statistics (counts, no addresses), the dead-letter list with
replay, webhook registration with the private-address refusal; operators only."""

import pytest
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.kernel.notify import services
from sunshine.kernel.notify.follow import follow
from sunshine.kernel.notify.models import Delivery
from sunshine.testing.factories import AgencyFactory, CitizenFactory, staff_with

pytestmark = pytest.mark.django_db


def test_operators_see_statistics_and_replay_dead_letters(client, settings):
    agency = AgencyFactory()
    operator, drafter = staff_with("sysadmin", agency), staff_with("drafter", agency)
    for n in range(3):
        follow(user=CitizenFactory(email=f"c{n}@example.cn"), topic="column.zcwj", label="政策文件")
    sub = services.subscribe_email(email="anon@example.cn", topic="column.zcwj")
    services.confirm_subscription(token=sub.confirm_token)
    services.unsubscribe(token=sub.unsubscribe_token)
    dead = Delivery.objects.create(
        channel="webhook", address="https://hooks.example.org/x", event="record.1",
        subject="死信", body="", status="failed", attempts=8, last_error="HTTP 503",
        created_at=clock.now(),
    )  # fmt: skip

    client.force_login(drafter)
    assert client.get(reverse("workbench:notify_stats")).status_code == 403
    client.force_login(operator)
    html = client.get(reverse("workbench:notify_stats")).content.decode()
    assert "column.zcwj" in html and "已退订" in html
    assert "c0@example.cn" not in html and "anon@example.cn" not in html
    html = client.get(reverse("workbench:notify_dead_letters")).content.decode()
    assert "HTTP 503" in html and "死信" in html
    response = client.post(reverse("workbench:notify_replay", args=[dead.pk]))
    assert response.status_code == 302
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == ("queued", 0)

    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    page = client.post(
        reverse("workbench:notify_webhooks"),
        {"topic": "column.zcwj", "url": "http://127.0.0.1:8080/in", "label": "12345热线"},
    ).content.decode()
    assert "不能是内网或本机地址" in page and 'value="http://127.0.0.1:8080/in"' in page
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = True
    page = client.post(
        reverse("workbench:notify_webhooks"),
        {"topic": "column.zcwj", "url": "http://127.0.0.1:8080/in", "label": "12345热线"},
    ).content.decode()
    assert "签名密钥" in page and "12345热线" in page
