"""The client's address, the one answer for login throttling, public-form rate limits and
anything else that keys on "who is asking".

Behind the production proxy REMOTE_ADDR is the proxy, so every visitor would share one key.
X-Forwarded-For is honoured only when REMOTE_ADDR is one of settings.TRUSTED_PROXIES (CIDRs,
e.g. ``10.0.0.0/8,127.0.0.1``); the header is then read right to left, skipping our own
proxies, and the first hop that is not a trusted proxy is the client. Hops to its left were
written by the client (or by proxies we do not control) and are never believed, so a visitor
cannot choose their own address by sending the header. With TRUSTED_PROXIES empty (the
default) the header is ignored entirely."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR network"
            ) from None
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def parse_address(value: str | None) -> Address | None:
    """An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`,
    `[2001:db8::1]:443`; IPv4-mapped IPv6 becomes IPv4. None when it is not an address."""
    text = (value or "").strip().strip('"')
    if not text:
        return None
    if text.startswith("["):  # [v6]:port
        text = text[1 : text.find("]")] if "]" in text else text[1:]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, proxies: tuple[Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def client_ip(request) -> Address | None:
    """The client's address as an ipaddress object (None without a request/address)."""
    if request is None:
        return None
    remote = parse_address(request.META.get("REMOTE_ADDR"))
    proxies = trusted_proxies()
    if remote is None or not proxies or not _is_trusted(remote, proxies):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            # Our proxies write valid addresses; garbage comes from further left. Stop at the
            # last hop we can vouch for.
            break
        client = address
        if not _is_trusted(address, proxies):
            break
    return client


def client_address(request) -> str | None:
    """The client's address as text (`203.0.113.7`, `2001:db8::1`), or None."""
    address = client_ip(request)
    return str(address) if address is not None else None


def client_key(request) -> str:
    """A key for per-client counters: the IPv4 address, or the /64 of an IPv6 address (one
    subscriber usually holds a whole /64 and could otherwise rotate through it). "unknown"
    when there is no address."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
