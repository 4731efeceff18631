"""The public suggestion endpoint's throttle counts the real client: a forged X-Forwarded-For
does not buy a fresh allowance, and visitors behind our proxy are counted apart."""

import pytest

from sunshine.api.throttling import ClientRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    # 31 suggestions can take more than the throttle's minute on a loaded machine; with the
    # throttle's clock standing still they all fall in one window.
    monkeypatch.setattr(ClientRateThrottle, "timer", staticmethod(lambda: 1_000_000.0))


URL = "/api/v1/messages/suggest"
BODY = {"subject": "火车站出租车拒载", "body": "出租车拒载、绕路、不打表。"}


def _post(client, remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(URL, BODY, content_type="application/json", **extra).status_code


def test_a_forged_forwarded_for_does_not_reset_the_allowance(client, settings):
    settings.TRUSTED_PROXIES = []
    codes = [_post(client, "198.51.100.1", f"192.0.2.{i}") for i in range(31)]
    assert 429 not in codes[:30] and codes[30] == 429


def test_visitors_behind_the_trusted_proxy_have_their_own_allowance(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    codes = [_post(client, "10.0.0.5", "203.0.113.7") for _ in range(31)]
    assert codes[30] == 429
    assert _post(client, "10.0.0.5", "1.1.1.1, 203.0.113.8") != 429
