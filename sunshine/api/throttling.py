"""Throttles for public API operations, keyed on the real client.

django-ninja's own key believes any X-Forwarded-For when NINJA_NUM_PROXIES is unset (and is the
proxy when it is 0), so a caller could get a fresh allowance per request by sending the header.
Here the key is `kernel.access.client.client_key`: the visitor behind our TRUSTED_PROXIES, the
same as for sign-in throttling and the portal's forms."""

from ninja.throttling import AnonRateThrottle

from sunshine.kernel.access.client import client_key


class ClientRateThrottle(AnonRateThrottle):
    """`AnonRateThrottle("30/m")`, counted per client (see the module docstring)."""

    def get_ident(self, request) -> str:
        return client_key(request)
