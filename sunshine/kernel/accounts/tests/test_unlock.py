"""The e-mailed unlock link: through the real task queue to a real SMTP server (aiosmtpd), it
lets the owner sign in despite throttling, once, before it expires."""

import datetime as dt
import re

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.kernel.accounts import throttle
from sunshine.kernel.accounts.models import LoginUnlock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.kernel.notify.models import Delivery
from sunshine.kernel.notify.tests.conftest import Mailbox, free_port, use_smtp
from sunshine.testing.factories import PASSWORD, CitizenFactory

pytestmark = pytest.mark.django_db(transaction=True)
HOME = "203.0.113.7"


@pytest.fixture
def smtp_server(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    use_smtp(settings, controller.port)
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def slow_throttle(settings):
    # Long waits, so that the account is still throttled when the link is used.
    settings.LOGIN_FREE_FAILURES = 3
    settings.LOGIN_DELAY_BASE_SECONDS = 600
    settings.LOGIN_CLIENT_MAX_FAILURES = 3
    settings.NOTIFY_BASE_URL = "https://www.gd.gov.cn"


def _fail(client, email, times=3, address=HOME):
    for _ in range(times):
        response = client.post(
            reverse("accounts:login"), {"email": email, "password": "wrong"}, REMOTE_ADDR=address
        )
    return response


def _ask_link(client, email, address=HOME):
    return client.post(reverse("accounts:unlock_request"), {"email": email}, REMOTE_ADDR=address)


def _link_in(message) -> str:
    [link] = re.findall(r"https://www\.gd\.gov\.cn(/accounts/login/unlock/[^/\s]+/)", str(message))
    return link


def test_the_owner_gets_the_link_by_mail_and_signs_in_despite_throttling(client, smtp_server):
    owner = CitizenFactory(email="owner@example.com")
    page = _fail(client, owner.email).content.decode()
    assert "发送解锁链接" in page
    assert throttle.check(owner.email, HOME).kind == throttle.CLIENT  # pair and client both

    response = _ask_link(client, owner.email)
    assert response.status_code == 302
    assert "如果该邮箱已注册" in client.get(response["Location"]).content.decode()
    assert run_worker_batch() == 1
    [message] = smtp_server.messages
    assert smtp_server.recipients == [["owner@example.com"]]
    assert "登录解锁链接" in message["Subject"]
    text = message.get_content()
    assert "30分钟内有效" in text and HOME in text
    link = _link_in(text)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert not LoginUnlock.objects.filter(token_hash=token).exists()  # only the hash is kept
    assert token not in str(AuditEvent.objects.values_list("data", flat=True))

    # Opening the link (what mail scanners do) spends nothing.
    for _ in range(2):
        assert "owner@example.com" in client.get(link, REMOTE_ADDR=HOME).content.decode()
    wrong = client.post(link, {"password": "nope"}, REMOTE_ADDR=HOME)
    assert "密码不正确" in wrong.content.decode()
    response = client.post(link, {"password": PASSWORD}, REMOTE_ADDR=HOME)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:me")
    assert client.get(reverse("accounts:me")).status_code == 200  # signed in
    assert AuditEvent.objects.filter(action="account.unlock_used", actor=owner).exists()
    assert throttle.check(owner.email, HOME).kind == throttle.CLIENT  # pair cleared, client not

    # One time only.
    client.post(reverse("accounts:logout"))
    again = client.post(link, {"password": PASSWORD}, REMOTE_ADDR=HOME)
    assert again.status_code == 410 and "已经使用过" in again.content.decode()


def test_unknown_addresses_get_the_same_answer_and_no_mail(client, smtp_server):
    CitizenFactory(email="owner@example.com")
    known = _ask_link(client, "owner@example.com")
    unknown = _ask_link(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    run_worker_batch()
    assert smtp_server.recipients == [["owner@example.com"]]


def test_one_link_per_account_per_five_minutes_and_a_cap_per_client(client, smtp_server):
    CitizenFactory(email="owner@example.com")
    for _ in range(3):
        _ask_link(client, "OWNER@example.com")
    run_worker_batch()
    assert len(smtp_server.messages) == 1
    for _ in range(8):
        _ask_link(client, "someone@example.com")
    refused = _ask_link(client, "owner@example.com")
    assert "过于频繁" in client.get(refused["Location"]).content.decode()


def test_a_link_expires_and_wrong_passwords_spend_it(client, smtp_server, settings):
    owner = CitizenFactory(email="owner@example.com")
    _ask_link(client, owner.email)
    run_worker_batch()
    link = _link_in(smtp_server.messages[0].get_content())
    with clock.frozen(clock.now() + dt.timedelta(minutes=31)):
        expired = client.get(link)
        assert expired.status_code == 410 and "已过期" in expired.content.decode()

    settings.LOGIN_UNLOCK_RESEND_SECONDS = 0
    _ask_link(client, owner.email)
    run_worker_batch()
    link = _link_in(smtp_server.messages[1].get_content())
    for _ in range(2):
        assert "密码不正确" in client.post(link, {"password": "guess"}).content.decode()
    spent = client.post(link, {"password": "guess"}).content.decode()
    assert "这个解锁链接已失效" in spent
    assert client.post(link, {"password": PASSWORD}).status_code == 410
    assert client.get(reverse("accounts:me")).status_code == 302  # not signed in


def test_a_garbled_link_and_an_inactive_account(client, smtp_server):
    owner = CitizenFactory(email="owner@example.com")
    assert client.get(reverse("accounts:unlock", args=["garbled"])).status_code == 410
    _ask_link(client, owner.email)
    run_worker_batch()
    link = _link_in(smtp_server.messages[0].get_content())
    owner.is_active = False
    owner.save()
    assert client.post(link, {"password": PASSWORD}).status_code == 410
    assert Delivery.objects.filter(event="account.unlock").count() == 1
