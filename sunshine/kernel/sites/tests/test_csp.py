"""The Content-Security-Policy middleware, and no template that needs more than it allows
(inline script, handlers, javascript: URLs, <style> elements, style attributes)."""

import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from sunshine.kernel.sites import csp

ROOT = Path(__file__).resolve().parents[3]  # sunshine/
# Rendered to PDF by WeasyPrint, never served as a page: their <style> is the print layout.
PDF_TEMPLATES = {
    "foi/letters/letter.html",
    "gazette/issue_pdf.html",
    "annualreport/report_pdf.html",
}
TAG = re.compile(r"{%.*?%}|{#.*?#}", re.S)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(ld\+)?json\")")
HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
STYLE_ATTR = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)


def _templates():
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        name = str(path).split("/templates/", 1)[1]
        if name not in PDF_TEMPLATES:
            yield name, TAG.sub("", path.read_text(encoding="utf-8"))


def test_the_policy_text():
    text = csp.policy_text()
    for part in [
        "default-src 'self'",
        "script-src 'self';",
        "style-src 'self';",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]:
        assert part in text
    assert "unsafe-inline" not in text and "unsafe-eval" not in text


@pytest.mark.django_db
def test_every_kind_of_response_gets_the_header_but_pdfs(client):
    for url in ["/", "/no-such-page/", "/static/css/sunshine.css", "/robots.txt", "/healthz"]:
        response = client.get(url)
        assert response["Content-Security-Policy"] == csp.policy_text(), url
    assert "frame-ancestors 'none'" in client.post("/accounts/logout/")["Content-Security-Policy"]


def _through_middleware(response):
    return csp.ContentSecurityPolicyMiddleware(lambda request: response)(RequestFactory().get("/"))


def test_pdfs_and_a_views_own_policy_are_left_alone():
    pdf = _through_middleware(HttpResponse(b"%PDF-1.7", content_type="application/pdf"))
    assert "Content-Security-Policy" not in pdf
    own = HttpResponse("x")
    own["Content-Security-Policy"] = "default-src 'none'"
    assert _through_middleware(own)["Content-Security-Policy"] == "default-src 'none'"


def test_report_only_and_a_custom_policy_from_settings(settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = True
    settings.CONTENT_SECURITY_POLICY = {"default-src": ["'self'"], "img-src": ["'self'", "https:"]}
    response = _through_middleware(HttpResponse("x"))
    assert (
        response["Content-Security-Policy-Report-Only"]
        == "default-src 'self'; img-src 'self' https:"
    )
    assert "Content-Security-Policy" not in response


@pytest.mark.parametrize("name,text", list(_templates()), ids=lambda v: v if "/" in v else "")
def test_no_template_has_inline_script_handlers_or_style_elements(name, text):
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to sunshine/static/js/"
    assert not HANDLER.search(text), "on…= handler: attach it with addEventListener in a .js file"
    assert "javascript:" not in text.lower(), "javascript: URL"
    assert "<style" not in text, "<style> element: move it to sunshine/static/css/"
    assert not STYLE_ATTR.search(text), "style= attribute: use a class (w-0 … w-100 for widths)"
