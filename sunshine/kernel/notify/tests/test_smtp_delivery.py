"""Delivery through the real queue (django-tasks-db worker, in-process) to a real SMTP
server (aiosmtpd)."""

import re

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sunshine.kernel.jobs.testing import make_deferred_tasks_due, run_worker_batch
from sunshine.kernel.notify import services
from sunshine.kernel.notify.models import Delivery
from sunshine.kernel.notify.tasks import MAX_ATTEMPTS
from sunshine.testing.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "【即将逾期】依申请公开申请（粤府办〔2026〕1号）还剩2个工作日"
BODY = "申请人张三的政府信息公开申请将于2026年10月12日到期，请及时答复。"


def test_a_deadline_alert_reaches_the_smtp_server_in_chinese(smtp_server):
    officer = UserFactory(email="officer@gd.gov.cn", display_name="李四")
    services.notify(
        event="clock.due_soon",
        recipients=[officer],
        subject=SUBJECT,
        body=BODY,
        url="/workbench/clocks/7/",
    )
    assert run_worker_batch() == 1
    [message] = smtp_server.messages
    assert smtp_server.recipients == [["officer@gd.gov.cn"]]
    # Python's mail generator folds a long encoded subject onto a continuation line, which
    # leaves a leading space after unfolding; mail clients trim it.
    assert message["Subject"].strip() == SUBJECT
    assert message["To"] == "officer@gd.gov.cn"
    text = message.get_content()
    assert BODY in text
    assert "https://www.gd.gov.cn/workbench/clocks/7/" in text
    assert message.get_content_charset() == "utf-8"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 1, "")
    assert delivery.sent_at is not None


def test_when_smtp_is_down_the_delivery_fails_after_retries_and_keeps_the_error(smtp_down):
    officer = UserFactory(email="officer@gd.gov.cn")
    services.notify(event="clock.overdue", recipients=[officer], subject=SUBJECT, body=BODY)
    assert run_worker_batch() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("queued", 1)  # waiting for its retry
    assert "ConnectionRefusedError" in delivery.last_error
    for _ in range(MAX_ATTEMPTS + 2):  # more rounds than attempts: it must stop by itself
        make_deferred_tasks_due()
        run_worker_batch()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == MAX_ATTEMPTS
    assert "ConnectionRefusedError" in delivery.last_error
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == MAX_ATTEMPTS
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_a_retry_after_the_server_comes_back_sends_once(smtp_down, settings):
    officer = UserFactory(email="officer@gd.gov.cn")
    services.notify(event="clock.overdue", recipients=[officer], subject=SUBJECT, body=BODY)
    run_worker_batch()  # attempt 1 fails
    from aiosmtpd.controller import Controller

    from .conftest import Mailbox

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    try:
        make_deferred_tasks_due()
        run_worker_batch()
        make_deferred_tasks_due()
        assert run_worker_batch() == 0
    finally:
        controller.stop()
    assert len(mailbox.messages) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("sent", 2)


def test_double_opt_in_then_publication_then_one_click_unsubscribe(smtp_server, client, settings):
    settings.NOTIFY_QUIET_HOURS = None  # the test may run at night (Asia/Shanghai)
    address = "wangwu@example.com"
    services.subscribe_email(email=address, topic="column.zcwj", topic_label="政策文件")
    run_worker_batch()
    [confirmation] = smtp_server.messages
    assert confirmation["Subject"].strip() == "请确认订阅：政策文件"
    assert "List-Unsubscribe" not in confirmation
    confirm_path = re.search(
        r"https://www\.gd\.gov\.cn(\S+/confirm/\S+/)", confirmation.get_content()
    )
    assert confirm_path

    # Not confirmed yet: a publication does not reach the address.
    assert (
        services.publish_to_topic(topic="column.zcwj", subject="新文件", body="…").deliveries == []
    )
    assert client.get(confirm_path.group(1)).status_code == 200  # GET only shows a button
    response = client.post(confirm_path.group(1))
    assert response.status_code == 200
    assert "订阅成功" in response.content.decode()

    services.publish_to_topic(
        topic="column.zcwj",
        subject="广东省人民政府关于印发《广东省促进民营经济发展条例》实施办法的通知",
        body="粤府〔2026〕12号",
        url="/column/zcwj/123/",
    )
    run_worker_batch()
    publication = smtp_server.messages[-1]
    assert publication["Subject"].strip().startswith("广东省人民政府关于印发《")
    text = publication.get_body(("plain",)).get_content()  # and an HTML part
    assert "粤府〔2026〕12号" in text
    unsubscribe = re.search(r"<https://www\.gd\.gov\.cn(\S+)>", publication["List-Unsubscribe"])
    assert unsubscribe.group(1) in text

    # RFC 8058 one-click: a bare POST, no CSRF token.
    response = client.post(unsubscribe.group(1), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert (
        services.publish_to_topic(topic="column.zcwj", subject="再一篇", body="…").deliveries == []
    )
    run_worker_batch()
    assert len(smtp_server.messages) == 2
