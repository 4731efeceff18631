"""Content-Security-Policy on every response (Django 5.2 has no CSP support of its own; 6.0
adds it).

No page runs inline script: every script is a file under /static/js/, and event handlers are
attached from those files, so `script-src 'self'` needs no nonce and no 'unsafe-inline'.
Styles live in /static/css/ too: no `<style>` element and no `style="…"` attribute (bar widths
that are data use the classes w-0 … w-100 of sunshine.css), so style-src needs no
'unsafe-inline' either. Scripts may still set styles through the CSSOM (`el.style.width`),
which CSP does not govern.

settings.CONTENT_SECURITY_POLICY (a dict of directive → list of sources) replaces the
default; settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = True sends it as
Content-Security-Policy-Report-Only (to try a change on a live site first). A response that
already carries the header (a view with special needs) keeps its own. PDFs are left alone: they run no page script,
and a plugin-forbidding policy on the PDF response itself can stop a browser's built-in
viewer. Under DEBUG, Django's technical 500 page (inline script) is left alone too."""

from __future__ import annotations

from django.conf import settings

DEFAULT_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"
SKIPPED_TYPES = ("application/pdf",)


def policy_text(policy: dict[str, list[str]] | None = None) -> str:
    policy = policy if policy is not None else current_policy()
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in policy.items())


def current_policy() -> dict[str, list[str]]:
    return getattr(settings, "CONTENT_SECURITY_POLICY", None) or DEFAULT_POLICY


class ContentSecurityPolicyMiddleware:
    """First in MIDDLEWARE, so that static files (whitenoise answers before the rest),
    error pages and redirects get the header too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = (
            REPORT_ONLY_HEADER
            if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", False)
            else HEADER
        )
        self.value = policy_text()

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type in SKIPPED_TYPES or (settings.DEBUG and response.status_code >= 500):
            return response
        if HEADER not in response and REPORT_ONLY_HEADER not in response:
            response[self.header] = self.value
        return response
