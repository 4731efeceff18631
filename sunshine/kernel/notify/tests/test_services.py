import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.notify import services
from sunshine.kernel.notify.models import Channel, Delivery, Notification, Subscription
from sunshine.kernel.notify.topics import patterns_for
from sunshine.testing.factories import CitizenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_patterns_run_from_specific_to_general():
    assert patterns_for("clock.overdue") == ["clock.overdue", "clock.*", "*"]
    assert patterns_for("a.b.c") == ["a.b.c", "a.b.*", "a.*", "*"]


def test_notify_fills_each_inbox_once_and_emails_staff_deadline_alerts(
    province, django_capture_on_commit_callbacks
):
    officer = UserFactory(agency=province["office"])
    colleague = UserFactory(agency=province["office"], email="")
    with django_capture_on_commit_callbacks(execute=True):
        notes = services.notify(
            event="clock.overdue",
            recipients=[officer, colleague, officer],
            subject="申请已逾期",
            body="请尽快答复。",
            obj=province["office"],
            url="/workbench/clocks/1/",
        )
    assert sorted(n.recipient_id for n in notes) == sorted([officer.pk, colleague.pk])
    assert notes[0].obj == province["office"]
    # Only the one with an address gets an e-mail; its task is in the queue.
    delivery = Delivery.objects.get()
    assert (delivery.address, delivery.status, delivery.channel) == (
        officer.email,
        "queued",
        Channel.EMAIL,
    )
    assert delivery.notification.recipient == officer
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "sunshine.kernel.notify.tasks.send_delivery"
    assert queued.args_kwargs["args"] == [delivery.pk]


def test_staff_get_other_events_in_the_inbox_only_and_citizens_by_email_too():
    staff, citizen = UserFactory(), CitizenFactory()
    services.notify(event="request.replied", recipients=[staff, citizen], subject="已答复", body="")
    assert Notification.objects.count() == 2
    assert list(Delivery.objects.values_list("address", flat=True)) == [citizen.email]


def test_the_most_specific_preference_wins():
    staff = UserFactory()
    services.set_email_preference(user=staff, topic="clock.due_soon", enabled=False)
    services.notify(event="clock.due_soon", recipients=[staff], subject="即将到期", body="")
    services.notify(event="clock.overdue", recipients=[staff], subject="已逾期", body="")
    assert list(Delivery.objects.values_list("subject", flat=True)) == ["已逾期"]
    services.set_email_preference(user=staff, topic="*", enabled=True)
    services.notify(event="request.received", recipients=[staff], subject="新申请", body="")
    assert Delivery.objects.filter(subject="新申请").exists()
    assert AuditEvent.objects.filter(action="notify.preference").count() == 2


def test_nothing_is_sent_when_the_calling_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    staff = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.notify(event="clock.overdue", recipients=[staff], subject="x", body="")
                raise RuntimeError("the deadline service failed")
    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_event_names_are_checked():
    with pytest.raises(ValidationError):
        services.notify(event="Clock Overdue", recipients=[UserFactory()], subject="x", body="")


def test_mark_read_is_for_the_recipient_only_and_audited():
    owner, other = UserFactory(), UserFactory()
    [note] = services.notify(event="clock.overdue", recipients=[owner], subject="x", body="")
    with pytest.raises(PermissionDenied):
        services.mark_read(user=other, notification=note)
    with clock.frozen(dt.date(2026, 9, 30)) as moment:
        services.mark_read(user=owner, notification=note)
        services.mark_read(user=owner, notification=note)  # twice: one event
    note.refresh_from_db()
    assert note.read_at == moment
    assert AuditEvent.objects.filter(action="notification.read", actor=owner).count() == 1


def test_mark_all_read():
    owner = UserFactory()
    for n in range(3):
        services.notify(event="clock.overdue", recipients=[owner], subject=f"第{n}条", body="")
    assert services.mark_all_read(user=owner) == 3
    assert services.mark_all_read(user=owner) == 0
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_subscribe_sends_one_confirmation_and_nothing_else_until_confirmed(mailoutbox):
    sub = services.subscribe_email(email=" Reader@Example.com ", topic="column.zcwj")
    assert (sub.email, sub.confirmed) == ("reader@example.com", False)
    again = services.subscribe_email(email="reader@example.com", topic="column.zcwj")
    assert again.pk == sub.pk
    assert Delivery.objects.filter(event="notify.confirm").count() == 1  # no mail flood
    assert services.publish_to_topic(topic="column.zcwj", subject="x", body="").deliveries == []

    services.confirm_subscription(token=sub.confirm_token)
    with pytest.raises(ValidationError, match="无效或已经使用过"):
        services.confirm_subscription(token=sub.confirm_token)
    published = services.publish_to_topic(topic="column.zcwj", subject="新文件", body="正文")
    assert [d.address for d in published.deliveries] == ["reader@example.com"]
    assert sub.unsubscribe_token in published.deliveries[0].body

    services.unsubscribe(token=sub.unsubscribe_token)
    assert services.publish_to_topic(topic="column.zcwj", subject="y", body="").deliveries == []
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert ["notify.subscribe", "notify.subscription_confirm", "notify.unsubscribe"] == [
        a for a in actions if a.startswith("notify.")
    ]
    assert "reader@example.com" not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_a_confirmation_link_expires_after_seven_days():
    with clock.frozen(dt.date(2026, 9, 1)):
        sub = services.subscribe_email(email="late@example.com", topic="column.zcwj")
    with clock.frozen(dt.date(2026, 9, 9)):
        with pytest.raises(ValidationError, match="已过期"):
            services.confirm_subscription(token=sub.confirm_token)
        # Subscribing again sends a fresh link.
        fresh = services.subscribe_email(email="late@example.com", topic="column.zcwj")
        assert fresh.confirm_token != sub.confirm_token
        services.confirm_subscription(token=fresh.confirm_token)


def test_anonymous_subscriptions_need_a_valid_address_and_an_exact_topic():
    with pytest.raises(ValidationError):
        services.subscribe_email(email="not-an-address", topic="column.zcwj")
    with pytest.raises(ValidationError):
        services.subscribe_email(email="a@example.com", topic="clock.*")


def test_users_can_follow_a_topic_in_their_inbox():
    staff = UserFactory()
    Subscription.objects.create(
        user=staff,
        topic="column.*",
        channel=Channel.INBOX,
        confirmed=True,
        unsubscribe_token="t-inbox",
        created_at=clock.now(),
    )
    published = services.publish_to_topic(topic="column.zcwj", subject="新文件", body="")
    assert [n.recipient for n in published.notifications] == [staff]
    assert published.deliveries == []
