"""Publications through the real queue to a real SMTP server: a record published by the records
module (its publish hook) reaches its column's subscribers (HTML + text, RFC 8058 one-click
unsubscribe), exactly once; a revision reaches only the record's followers."""

import pytest
from django.test import Client

from sunshine.disclosure.records import services as records
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.kernel.notify import services
from sunshine.kernel.notify.follow import follow
from sunshine.kernel.notify.models import Delivery, Publication, Subscription
from sunshine.kernel.notify.publish import fan_out_now
from sunshine.kernel.notify.tests import conftest as notify_fixtures
from sunshine.testing.factories import AgencyFactory, CitizenFactory
from sunshine.testing.factories.records import make_people, record_in, revise

pytestmark = pytest.mark.django_db(transaction=True)
smtp_server = notify_fixtures.smtp_server  # the real SMTP server (aiosmtpd)


def test_a_published_record_reaches_subscribers_once_with_one_click_unsubscribe(
    smtp_server, settings
):
    settings.NOTIFY_QUIET_HOURS = None
    sub = services.subscribe_email(
        email="Reader@Example.com", topic="column.zcwj", topic_label="政策文件"
    )
    services.confirm_subscription(token=sub.confirm_token)
    citizen = CitizenFactory(email="wang@example.cn")
    people = make_people(AgencyFactory())
    record = record_in("signed_off", people, title="关于推进政务公开的通知")
    follow(user=citizen, topic=f"record.{record.pk}", label=record.title)
    run_worker_batch()
    smtp_server.messages.clear()

    records.publish(record=record, actor=people["approver"])
    run_worker_batch()  # the fan-out, then one send job for the batch
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "reader@example.com",
        "wang@example.cn",
    ]
    message = next(m for m in smtp_server.messages if m["To"] == "reader@example.com")
    assert message["Subject"].strip() == "关于推进政务公开的通知"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f"/zcwj/{record.pk}/" in text and f"/zcwj/{record.pk}/" in html
    assert "<h1" in html and "政策文件" in text
    link = message["List-Unsubscribe"].strip("<>")
    assert link.endswith(f"/subscriptions/unsubscribe/{sub.unsubscribe_token}/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["Message-ID"]
        == Delivery.objects.get(address="reader@example.com", item__startswith="record.").message_id
    )

    # A re-run of the fan-out (a retried job, a second announce) sends nothing new.
    publication = Publication.objects.get(item=f"record.{record.pk}")
    assert fan_out_now(publication.pk) is None
    Publication.objects.filter(pk=publication.pk).update(fanned_out_at=None)
    fan_out_now(publication.pk)
    run_worker_batch()
    assert len(smtp_server.messages) == 2
    assert Delivery.objects.filter(item=publication.key).count() == 2

    # RFC 8058: the mail client POSTs without cookies or CSRF token; the token is enough.
    client = Client(enforce_csrf_checks=True)
    path = link.split("https://www.gd.gov.cn", 1)[1]
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    sub.refresh_from_db()
    assert not sub.enabled and sub.unsubscribed_at is not None
    # A revision reaches only the record's own follower.
    revise(record, people, change_note="更正附件", title="关于推进政务公开的通知（修订）")
    run_worker_batch()
    assert [m["To"] for m in smtp_server.messages[2:]] == ["wang@example.cn"]


def test_subscribers_not_confirmed_or_unsubscribed_get_nothing(smtp_server, settings):
    settings.NOTIFY_QUIET_HOURS = None
    services.subscribe_email(email="later@example.com", topic="column.zcjd")
    run_worker_batch()
    smtp_server.messages.clear()
    services.publish_to_topic(topic="column.zcjd", subject="解读", body="")
    run_worker_batch()
    assert smtp_server.messages == []
    assert Subscription.objects.get().confirmed is False
