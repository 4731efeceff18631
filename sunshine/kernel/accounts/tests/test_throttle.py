"""Login throttling by (account, client) with exponential delay: nobody can lock the owner
out, and visitors behind the trusted proxy are told apart."""

import datetime as dt

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.kernel.accounts import throttle
from sunshine.kernel.accounts.backends import lock_message, wait_text
from sunshine.kernel.accounts.models import LoginThrottle
from sunshine.testing.factories import PASSWORD, CitizenFactory

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FREE_FAILURES = 3
    settings.LOGIN_DELAY_BASE_SECONDS = 1
    settings.LOGIN_DELAY_MAX_SECONDS = 900
    settings.LOGIN_CLIENT_MAX_FAILURES = 30
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


def _from(address, proxy="10.0.0.5"):
    return RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=address
    )


def _try(request, email, password="wrong"):
    return authenticate(request, email=email, password=password)


def test_delay_doubles_after_the_free_failures_and_is_capped():
    assert [throttle.pair_delay(n) for n in range(1, 9)] == [0, 0, 1, 2, 4, 8, 16, 32]
    assert throttle.pair_delay(20) == 900 and throttle.pair_delay(10_000) == 900


def test_each_failure_waits_longer_and_the_wait_is_told():
    owner = CitizenFactory(email="owner@example.com")
    attacker = _from("198.51.100.66")
    with clock.frozen(T0) as now:
        for _ in range(3):
            assert _try(attacker, owner.email) is None
        refusal = throttle.check(owner.email, "198.51.100.66")
        assert refusal.until == now + dt.timedelta(seconds=1)
        # While refused, the password is not even checked, and trying does not add a failure.
        assert _try(attacker, owner.email, PASSWORD) is None
        assert "请1秒后（18:00:01之后）再试" in lock_message(owner.email, attacker)
    with clock.frozen(T0 + dt.timedelta(seconds=2)) as now:
        assert _try(attacker, owner.email) is None  # 4th failure: 2 s
        assert throttle.check(owner.email, "198.51.100.66").until == now + dt.timedelta(seconds=2)
    with clock.frozen(T0 + dt.timedelta(seconds=5)) as now:
        assert _try(attacker, owner.email) is None  # 5th failure: 4 s
        assert throttle.check(owner.email, "198.51.100.66").until == now + dt.timedelta(seconds=4)
    with clock.frozen(T0 + dt.timedelta(seconds=10)):
        assert _try(attacker, owner.email, PASSWORD) == owner  # the wait is over
        assert throttle.check(owner.email, "198.51.100.66") is None


def test_an_attacker_elsewhere_does_not_lock_the_owner_out():
    owner = CitizenFactory(email="owner@example.com")
    moment, waits = T0, []
    for _ in range(12):  # each time as soon as the previous wait is over
        with clock.frozen(moment):
            assert _try(_from("198.51.100.66"), owner.email) is None
            refusal = throttle.check(owner.email, "198.51.100.66")
        waits.append(int((refusal.until - moment).total_seconds()) if refusal else 0)
        moment = refusal.until if refusal else moment
    assert waits == [0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
    with clock.frozen(moment - dt.timedelta(seconds=1)):
        assert _try(_from("198.51.100.66"), owner.email, PASSWORD) is None
        # The owner at home, and a colleague behind the same load balancer, sign in at once.
        assert _try(_from("203.0.113.7"), owner.email, PASSWORD) == owner


def test_visitors_behind_the_proxy_are_not_one_client():
    owner = CitizenFactory(email="owner@example.com")
    with clock.frozen(T0):
        for _ in range(3):
            _try(_from("1.2.3.4, 198.51.100.66"), owner.email)  # forged left hop ignored
        assert throttle.check(owner.email, "198.51.100.66") is not None
        assert throttle.check(owner.email, "1.2.3.4") is None
        assert throttle.check(owner.email, "10.0.0.5") is None  # never the proxy
        assert _try(_from("203.0.113.7"), owner.email, PASSWORD) == owner


def test_password_spraying_from_one_client_hits_its_global_cap(settings):
    settings.LOGIN_CLIENT_MAX_FAILURES = 10
    victims = [CitizenFactory() for _ in range(6)]
    sprayer = _from("198.51.100.77")
    with clock.frozen(T0):
        for victim in victims[:5]:
            for _ in range(2):  # below the per-pair free failures
                assert _try(sprayer, victim.email) is None
        last = victims[5]
        assert _try(sprayer, last.email, PASSWORD) is None  # the client waits now
        message = lock_message(last.email, sprayer)
        assert "您所在网络的登录失败次数过多" in message and "15分钟" in message
        assert _try(_from("203.0.113.9"), last.email, PASSWORD) == last  # others unaffected


def test_failures_are_forgotten_after_a_day_and_a_success_clears_the_pair():
    owner = CitizenFactory(email="owner@example.com")
    me = _from("203.0.113.7")
    with clock.frozen(T0):
        for _ in range(5):
            _try(me, owner.email)
    with clock.frozen(T0 + dt.timedelta(days=1, minutes=1)):
        assert _try(me, owner.email) is None  # counts as the first failure again
        assert throttle.check(owner.email, "203.0.113.7") is None
        _try(me, owner.email)
        assert _try(me, owner.email, PASSWORD) == owner
        assert _try(me, owner.email) is None and throttle.check(owner.email, "203.0.113.7") is None


def test_wait_texts():
    assert wait_text(1) == "1秒" and wait_text(59) == "59秒"
    assert wait_text(60) == "1分钟" and wait_text(61) == "2分钟" and wait_text(900) == "15分钟"


def test_the_login_page_tells_when_to_retry_and_offers_the_link(client):
    owner = CitizenFactory(email="owner@example.com")
    url = reverse("accounts:login")
    with clock.frozen(T0):
        for _ in range(4):
            response = client.post(
                url, {"email": owner.email, "password": "x"}, REMOTE_ADDR="203.0.113.7"
            )
        page = response.content.decode()
        assert "密码错误次数较多，请1秒后（18:00:01之后）再试。" in page
        assert "发送解锁链接" in page and 'value="owner@example.com"' in page
        other = client.post(url, {"email": owner.email, "password": "x"}, REMOTE_ADDR="203.0.113.8")
        assert "电子邮箱或密码不正确" in other.content.decode()


def test_stale_rows_are_purged_as_new_ones_come():
    owner = CitizenFactory(email="owner@example.com")
    with clock.frozen(T0):
        for i in range(3):
            _try(_from(f"198.51.100.{i}"), f"made-up-{i}@example.com")
        _try(_from("203.0.113.7"), owner.email)
    with clock.frozen(T0 + dt.timedelta(days=1, hours=1)):
        _try(_from("203.0.113.7"), owner.email)  # the owner's rows are fresh again
        assert throttle.purge_stale() == 6  # three made-up pairs and their three clients
        assert throttle.check(owner.email, "203.0.113.7") is None
        assert LoginThrottle.objects.count() == 2


def test_registration_is_limited_per_visitor_behind_the_proxy(client):
    url = reverse("accounts:register_citizen")
    data = {"email": "x@example.com", "display_name": "王芳", "password": "a", "password2": "b"}
    for _ in range(10):
        page = client.post(url, data, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")
        assert "注册过于频繁" not in page.content.decode()
    page = client.post(url, data, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert "注册过于频繁，请一小时后再试。" in page.content.decode()
    assert 'value="x@example.com"' in page.content.decode()  # nothing typed is lost
    other = client.post(url, data, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert "注册过于频繁" not in other.content.decode()
