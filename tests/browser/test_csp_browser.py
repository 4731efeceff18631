"""Key pages in Chromium with the Content-Security-Policy on: no violation is reported (the
`securitypolicyviolation` event and the console), and the pages' scripts still work."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel.sites.csp import policy_text
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import AgencyFactory, CitizenFactory, staff_with

pytestmark = pytest.mark.browser

RECORDER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} ` +
                    `at ${e.sourceFile || location.pathname}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(context, live_server):
    """A page that records CSP violations from its first script on, and console complaints."""
    context.add_init_script(RECORDER)
    page = context.new_page()
    page.base = live_server.url
    page.console_csp = []
    page.on(
        "console",
        lambda m: (
            page.console_csp.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    yield page
    page.close()


def _visit(page, path: str) -> None:
    response = page.goto(page.base + path)
    assert response.headers.get("content-security-policy") == policy_text(), path
    page.wait_for_load_state("networkidle")


def _violations(page) -> list[str]:
    page.wait_for_timeout(100)  # the event is dispatched asynchronously
    return page.evaluate("window.__csp || []") + page.console_csp


def test_public_pages_and_their_scripts_run_without_violations(watched):
    page = watched
    agency = AgencyFactory(name="广东省交通运输厅")
    for path in ["/", "/search/?q=阳光政务", "/zcwj/", "/hdjl/tj/", "/hdjl/rd/", "/api/v1/docs"]:
        _visit(page, path)
        assert _violations(page) == [], path
    expect(page.locator(".swagger-ui").first).to_be_visible()  # Swagger UI ran under the CSP

    _visit(page, f"/ysqgk/{agency.pk}/")
    page.get_by_label("本件为本月第几件申请").fill("31")
    page.get_by_label("所需信息约多少页").fill("101")
    expect(page.locator("[data-out=by_count]")).to_have_text("200")  # foi-estimate.js fetched
    assert _violations(page) == []

    _visit(page, "/accounts/login/")
    for _ in range(3):
        page.get_by_label("电子邮箱").fill("nobody@example.com")
        page.locator("#id_password").fill("wrong")
        page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"请\d+秒后"))
    expect(page.get_by_role("button", name="发送解锁链接")).to_be_visible()
    assert _violations(page) == []

    sign_in(page, CitizenFactory())
    _visit(page, "/hdjl/ly/write/")
    page.get_by_label("留言主题").fill("火车站出租车拒载")
    page.get_by_label("留言详情").fill("出租车拒载、绕路、不打表。")
    page.wait_for_load_state("networkidle")
    assert _violations(page) == []


def test_workbench_pages_run_without_violations(watched):
    page = watched
    office = AgencyFactory(name="广东省人民政府办公厅", doc_prefix="粤府办")
    sign_in(page, staff_with("drafter", office))
    for path in ["/workbench/", "/workbench/records/", "/workbench/inbox/", "/workbench/clocks/"]:
        _visit(page, path)
        assert _violations(page) == [], path
    _visit(page, "/workbench/records/new/")
    reason = page.locator("#field-withheld_reason")
    expect(reason).to_be_hidden()  # records-form.js ran
    page.get_by_role("radio", name="不予公开").check()
    expect(reason).to_be_visible()
    assert _violations(page) == []


def test_an_inline_script_would_be_reported(watched):
    """The recorder works: a page that breaks the policy is caught."""
    page = watched
    _visit(page, "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = 1'; document.body.append(s); }"
    )
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in _violations(page))
