"""Every kind of page, rendered with the demo data, carries the Content-Security-Policy and
needs nothing it forbids: no inline <script>, no on…= handler, no javascript: URL, no <style>
element, no style attribute.

One crawl per kind of visitor (anonymous, citizen, enterprise, the staff roles, the system
administrator in Django's admin) from the home page, the sitemap and the workbench, following
same-site links and visiting at most two URLs per route. Loading the demo takes about 90 s, so
every check of the rendered pages belongs in this one test."""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve

from sunshine.kernel.accounts.models import User
from sunshine.kernel.sites.csp import policy_text

pytestmark = pytest.mark.django_db

# The public visitors crawl the portal; staff crawl their own pages (workbench, admin, API docs).
PUBLIC = {
    "anonymous": None,
    "citizen": "citizen@demo.example.com",
    "enterprise": "company@demo.example.com",
}
STAFF = {
    "drafter": "drafter@demo.gd.gov.cn",
    "officer": "officer@demo.gd.gov.cn",
    "supervisor": "supervisor@demo.gd.gov.cn",
    "handler": "edu.handler@demo.gd.gov.cn",
    "gazette": "gazette@demo.gd.gov.cn",
    "sysadmin": "sysadmin@demo.gd.gov.cn",
}
STAFF_PAGES = ("/workbench/", "/admin/", "/api/", "/accounts/")
# Pages no link leads to (search results, an unlock link, plain files) are seeds too.
SEEDS = ["/", "/sitemap.xml", "/accounts/login/", "/accounts/register/", "/workbench/",
         "/accounts/me/", "/api/v1/docs", "/admin/", "/search/?q=阳光政务", "/zcjd/",
         "/bsfw/search/?q=出生", "/accounts/login/unlock/not-a-token/", "/robots.txt",
         "/healthz", "/hcp/"]  # fmt: skip
PER_ROUTE = 2
MAX_PAGES = 450  # per visitor
# Downloads and exports (not pages, and slow with 1,900 messages), and what changes state.
SKIP = re.compile(r"export|download|\.xlsx|\.csv|\.docx|\.pdf|/files/|/logout/|^/i18n/|/media/")
JSON_TYPES = {"application/json", "application/ld+json"}


class PageCheck(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and not values.get("src") and values.get("type") not in JSON_TYPES:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        if "style" in values:
            self.problems.append(f"<{tag} style=…>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def _local(href: str) -> str | None:
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme in ("http", "https") and parts.netloc in ("testserver", "www.gd.gov.cn"):
        href = parts.path + (f"?{parts.query}" if parts.query else "")
    elif parts.scheme or parts.netloc or not href.startswith("/"):
        return None
    return None if SKIP.search(href) else href


def _crawl(
    client: Client, policy: str, within=("/",)
) -> tuple[dict[str, int], list[str], list[str]]:
    seen_routes: dict[str, int] = {}
    problems: list[str] = []
    errors: list[str] = []  # 5xx: a bug of the page's module, reported, not this test's subject
    seeds = [s for s in SEEDS if s.startswith(within)]
    queue, queued = deque(seeds), set(seeds)
    pages = 0
    while queue and pages < MAX_PAGES:
        path = queue.popleft()
        route = _route(urlsplit(path).path)
        if route is None or seen_routes.get(route, 0) >= PER_ROUTE:
            continue
        seen_routes[route] = seen_routes.get(route, 0) + 1
        pages += 1
        response = client.get(path)
        if response.status_code >= 500:
            errors.append(f"{path}: {response.status_code}")
        content_type = response.get("Content-Type", "").split(";")[0]
        if content_type != "application/pdf" and response.get("Content-Security-Policy") != policy:
            problems.append(f"{path}: no Content-Security-Policy header")
        found: list[str] = []
        if response.status_code in (301, 302) and response.get("Location"):
            found.append(response["Location"])
        elif content_type == "text/html":  # error pages (403, 404, 410) too
            check = PageCheck()
            check.feed(response.content.decode())
            problems += [f"{path}: {p}" for p in check.problems]
            found += check.links if response.status_code == 200 else []
        elif content_type in ("application/xml", "text/xml"):  # the sitemap
            found += re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
        for href in found:
            local = _local(href)
            if local and local.startswith(within) and local not in queued:
                queued.add(local)
                queue.append(local)
    return seen_routes, problems, errors


def test_every_page_kind_has_the_policy_and_no_inline_script():
    call_command("load_demo", stdout=io.StringIO())
    policy = policy_text()
    visited: dict[str, set[str]] = {}
    problems: list[str] = []
    server_errors: list[str] = []
    for name, email in {**PUBLIC, **STAFF}.items():
        client = Client(raise_request_exception=False)
        if email:
            client.force_login(User.objects.get(email=email))
        routes, found, errors = _crawl(
            client, policy, within=STAFF_PAGES if name in STAFF else ("/",)
        )
        server_errors += [f"[{name}] {e}" for e in errors]
        for route in routes:
            visited.setdefault(route, set()).add(name)
        problems += [f"[{name}] {p}" for p in found]
    assert not problems, "\n".join(sorted(set(problems))[:60])

    def all_routes(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from all_routes(pattern, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    every = {r for r in all_routes(get_resolver()) if not r.startswith(("admin/", "api/"))}
    pages = {r for r in visited if not r.startswith(("admin/", "api/"))}
    print(f"\nCSP checked on {len(visited)} routes ({len(pages)} site pages of {len(every)}):")
    for route in sorted(visited):
        print(f"  {route}  [{', '.join(sorted(visited[route]))}]")
    print("Not reached by links:", *sorted(every - pages), sep="\n  ")
    # Error pages carry the policy too (checked above); the errors themselves are for the
    # modules' own tests to catch, so they are listed here rather than failing this test.
    print("Server errors met:", *server_errors, sep="\n  ")
    # Many routes are POST-only actions (no page to crawl); 144 site pages (and 44 admin and
    # API docs pages) were reached when this was written.
    assert len(pages) >= 125, "the crawl reached too few kinds of page"
    for must in ["", "workbench/", "accounts/login/", "admin/", "api/v1/docs"]:
        assert must in visited, must
