"""The site inbox (moved from sunshine/kernel/notify with its page)."""

import datetime as dt

import pytest
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.kernel.notify import services
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = UserFactory()
    client.login(username=user.email, password=PASSWORD)
    return user


def test_the_inbox_lists_own_notifications_newest_first_unread_highlighted(
    client, officer, django_assert_max_num_queries
):
    for day, subject in ((1, "较早的提醒"), (2, "最新的提醒")):
        with clock.frozen(dt.date(2026, 9, day)):
            services.notify(event="clock.due_soon", recipients=[officer], subject=subject, body="")
    services.notify(event="clock.due_soon", recipients=[UserFactory()], subject="别人的", body="")
    services.mark_read(user=officer, notification=Notification.objects.get(subject="较早的提醒"))
    with django_assert_max_num_queries(12) as queries:
        response = client.get(reverse("notify:inbox"))
    html = response.content.decode()
    # The page, its count and the unread count; not one query per notification.
    inbox_queries = [q for q in queries.captured_queries if "notify_notification" in q["sql"]]
    assert len(inbox_queries) == 3
    assert response.status_code == 200
    assert html.index("最新的提醒") < html.index("较早的提醒")
    assert "别人的" not in html
    assert html.count('class="inbox-item unread"') == 1


def test_marking_read_and_opening(client, officer):
    [note] = services.notify(
        event="clock.overdue",
        recipients=[officer],
        subject="x",
        body="",
        url="/workbench/clocks/9/",
    )
    response = client.post(reverse("notify:mark_read", args=[note.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/workbench/clocks/9/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_someone_elses_notification_is_not_found(client, officer):
    [note] = services.notify(
        event="clock.overdue", recipients=[UserFactory()], subject="x", body=""
    )
    assert client.post(reverse("notify:mark_read", args=[note.pk])).status_code == 404


def test_an_offsite_link_is_not_followed(client, officer):
    [note] = services.notify(
        event="clock.overdue",
        recipients=[officer],
        subject="x",
        body="",
        url="https://evil.example/",
    )
    response = client.post(reverse("notify:mark_read", args=[note.pk]), {"open": "1"})
    assert response["Location"] == reverse("notify:inbox")


def test_the_inbox_needs_a_login(client):
    response = client.get(reverse("notify:inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
