"""Outbound requests to addresses that users or staff type in (a harvest source, a webhook):
only http(s), and never to this machine or the internal network unless a setting allows it
(tests do, for their local servers). Otherwise such a URL would let anyone make the server
call its own admin ports or the intranet (SSRF)."""

import ipaddress
import socket
from urllib.parse import urlsplit

SCHEME = "scheme"
UNRESOLVABLE = "unresolvable"
PRIVATE = "private"


def refused_reason(url: str, *, allow_private: bool = False) -> str | None:
    """None when `url` may be fetched, else why not: SCHEME (not http(s) or no host),
    UNRESOLVABLE (DNS fails) or PRIVATE (any address of the host is private, loopback,
    link-local, reserved, multicast or unspecified)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return SCHEME
    if allow_private:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError):
        return UNRESOLVABLE
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            return PRIVATE
    return None
