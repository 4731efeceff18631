"""The client address behind trusted proxies, and per-client rate limits keyed on it."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from sunshine.kernel.access.client import client_address, client_key
from sunshine.kernel.access.ratelimit import over_limit

PROXY = "10.0.0.5"


def _request(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request(forwarded="203.0.113.7")) == PROXY


def test_from_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The visitor sent "1.1.1.1" themselves; our proxy appended the address it saw.
    assert client_address(_request(forwarded="1.1.1.1, 203.0.113.7")) == "203.0.113.7"
    # Two of our proxies in a row (load balancer → nginx) are skipped.
    assert client_address(_request(forwarded="1.1.1.1, 203.0.113.7, 10.2.3.4")) == "203.0.113.7"


def test_a_direct_client_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = _request(remote="198.51.100.9", forwarded="10.0.0.1, 8.8.8.8")
    assert client_address(request) == "198.51.100.9"


def test_only_trusted_hops_gives_the_leftmost_and_garbage_stops_the_walk(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    assert client_address(_request(forwarded="10.9.9.9, 10.8.8.8")) == "10.9.9.9"
    assert client_address(_request(forwarded="not-an-ip, 10.8.8.8")) == "10.8.8.8"
    assert client_address(_request(forwarded="")) == PROXY
    assert client_address(_request(remote="127.0.0.1", forwarded="203.0.113.7:5123")) == (
        "203.0.113.7"
    )


def test_ipv6_forms_and_the_64_bucket(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "fd00::/8"]
    request = _request(forwarded="[2001:db8:1:2:aaaa::1]:443")
    assert client_address(request) == "2001:db8:1:2:aaaa::1"
    assert client_key(request) == "2001:db8:1:2::/64"
    assert client_key(_request(forwarded="2001:db8:1:2:ffff::9")) == "2001:db8:1:2::/64"
    assert client_address(_request(remote="::ffff:192.0.2.1")) == "192.0.2.1"
    assert client_address(_request(remote="fd00::1", forwarded="192.0.2.44")) == "192.0.2.44"
    assert client_key(None) == "unknown"


def test_a_bad_trusted_proxies_entry_is_a_configuration_error(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "proxy.internal"]
    with pytest.raises(ImproperlyConfigured, match="proxy.internal"):
        client_address(_request(forwarded="203.0.113.7"))


def test_rate_limits_count_each_visitor_behind_the_proxy_separately(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    cache.clear()
    alice = _request(forwarded="203.0.113.7")
    bob = _request(forwarded="203.0.113.8")
    assert [over_limit(alice, "test.form", limit=2) for _ in range(3)] == [False, False, True]
    assert not over_limit(bob, "test.form", limit=2)
    # A forged header from a direct client does not get it a fresh counter.
    settings.TRUSTED_PROXIES = []
    forged = [_request(remote="198.51.100.1", forwarded=f"192.0.2.{i}") for i in range(3)]
    assert [over_limit(r, "test.form", limit=2) for r in forged] == [False, False, True]
